import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { users } from '../people/tables.ts';
import { directorySiteMembers, directorySites, referralConsents, referralEvents, referralPacketItems, referrals } from './tables.ts';

/** The receiving specialist at the reference centre, who is on no patient's care team. */
export const DEMO_RECEIVING_SPECIALIST = { email: 'rhea@demo.test', name: 'Dr Rhea Lindgren' };

/**
 * Demo network directory and referrals: Northgate is the reference centre for five EURACAN domains with
 * telemedicine; Dr Sam Okafor and Dr Rhea Lindgren receive its referrals. Ana has a draft second opinion
 * for a thigh leiomyosarcoma (ICD-O-3 C49.2 + 8890/3); Ben has an accepted specialist consultation.
 */
export async function seedDemoReferrals(db: Db, ids: DemoIds) {
  const [sam] = await db.select().from(users).where(eq(users.id, ids.sam));
  const rhea = randomUUID();
  await db.insert(users).values({ id: rhea, orgId: ids.org, email: DEMO_RECEIVING_SPECIALIST.email, name: DEMO_RECEIVING_SPECIALIST.name, role: 'specialist', locale: 'en', timezone: 'Europe/Madrid', passwordHash: sam?.passwordHash ?? null });
  await db.insert(directorySites).values([
    { siteId: ids.referenceCentre, domains: ['sarcoma', 'gynaecological', 'neuroendocrine', 'thoracic', 'brain_spinal'], telemedicine: true, languages: ['en', 'es'], contactName: 'Rare Tumour Board Office', contactEmail: 'board@northgate.example', contactPhone: '+34 900 000 001' },
    { siteId: ids.lakeside, domains: ['digestive', 'endocrine'], telemedicine: false, languages: ['es', 'en'], contactName: 'Oncology Day Unit', contactEmail: 'oncology@lakeside.example', contactPhone: '+34 900 000 002' },
    { siteId: ids.hillview, domains: [], telemedicine: true, languages: ['en', 'ar'], contactName: 'Referrals Desk', contactEmail: 'referrals@hillview.example', contactPhone: '+34 900 000 003' },
  ]);
  await db.insert(directorySiteMembers).values([
    { siteId: ids.referenceCentre, userId: ids.sam, role: 'specialist' },
    { siteId: ids.referenceCentre, userId: rhea, role: 'specialist' },
  ]);

  const draft = randomUUID();
  const accepted = randomUUID();
  const now = Date.now();
  await db.insert(referrals).values([
    { id: draft, orgId: ids.org, patientId: ids.ana, type: 'second_opinion', state: 'draft', fromSiteId: ids.lakeside, toSiteId: ids.referenceCentre, domain: 'sarcoma', icdoTopography: 'C49.2', icdoMorphology: '8890/3', consentRequestedAt: new Date(now - 86_400_000), question: 'Please confirm the histology and advise on surgery versus neoadjuvant treatment.', createdBy: ids.nora, navigatorId: ids.nora },
    { id: accepted, orgId: ids.org, patientId: ids.ben, type: 'specialist_consultation', state: 'accepted', fromSiteId: ids.hillview, toSiteId: ids.referenceCentre, domain: 'thoracic', icdoTopography: 'C38.4', icdoMorphology: '9052/3', question: 'Eligibility for trimodality treatment.', createdBy: ids.nora, navigatorId: ids.nora, sentAt: new Date(now - 3 * 86_400_000), respondedAt: new Date(now - 86_400_000), deadlineAt: new Date(now + 11 * 86_400_000) },
  ]);
  await db.insert(referralEvents).values([
    { id: randomUUID(), referralId: draft, fromState: null, toState: 'draft', actor: ids.nora },
    { id: randomUUID(), referralId: accepted, fromState: null, toState: 'draft', actor: ids.nora, at: new Date(now - 4 * 86_400_000) },
    { id: randomUUID(), referralId: accepted, fromState: 'draft', toState: 'sent', actor: ids.nora, at: new Date(now - 3 * 86_400_000) },
    { id: randomUUID(), referralId: accepted, fromState: 'sent', toState: 'accepted', actor: ids.sam, at: new Date(now - 86_400_000) },
  ]);
  await db.insert(referralPacketItems).values([
    { id: randomUUID(), referralId: draft, kind: 'clinical_summary', source: 'navigator', title: 'Clinical summary', body: 'Enlarging mass of the left thigh over 4 months; core biopsy at Lakeside.', addedBy: ids.nora },
    { id: randomUUID(), referralId: draft, kind: 'pathology', source: 'navigator', title: 'Core biopsy report', body: 'Spindle cell neoplasm, smooth muscle differentiation; grade 2 (FNCLCC).', addedBy: ids.nora },
    { id: randomUUID(), referralId: accepted, kind: 'clinical_summary', source: 'navigator', title: 'Clinical summary', body: 'Right pleural effusion, thoracoscopic biopsy.', addedBy: ids.nora },
    { id: randomUUID(), referralId: accepted, kind: 'pathology', source: 'navigator', title: 'Pleural biopsy report', body: 'Epithelioid mesothelioma.', addedBy: ids.nora },
  ]);
  await db.insert(referralConsents).values({ id: randomUUID(), referralId: accepted, patientId: ids.ben, method: 'verbal', recordedBy: ids.nora, grantedAt: new Date(now - 3 * 86_400_000) });
}
