import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { referrals } from '../referrals/tables.ts';
import { dueFrom } from './due.ts';
import { DEFAULT_RULES } from './rules.ts';
import { navigationTaskEvents, navigationTasks, supportiveServices } from './tables.ts';

const WH = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };

/**
 * Demo supportive services at the three sites, and the travel and lodging tasks the travel rule made
 * when Northgate accepted Ben's referral (Hillview -> Northgate is 120 minutes, over the 90 of the rule).
 */
export async function seedDemoTasks(db: Db, ids: DemoIds) {
  const svc = (siteId: string, service: typeof supportiveServices.$inferInsert.service, name: string, contact: string, languages: string[], howToRefer: string, hours: string) =>
    ({ id: randomUUID(), orgId: ids.org, siteId, service, name, contact, languages, howToRefer, hours, updatedBy: ids.nora });
  await db.insert(supportiveServices).values([
    svc(ids.referenceCentre, 'psycho_oncology', 'Northgate Psycho-oncology Unit', '+34 900 100 201, psycho@northgate.example', ['en', 'es'], 'Referral form in the hospital record; urgent cases by phone.', 'Mon-Fri 09:00-17:00'),
    svc(ids.referenceCentre, 'social_work', 'Northgate Patient Social Work', '+34 900 100 202', ['en', 'es', 'ar'], 'E-mail the referral with the patient\'s consent.', 'Mon-Fri 08:00-15:00'),
    svc(ids.referenceCentre, 'nutrition', 'Northgate Clinical Nutrition', 'nutrition@northgate.example', ['en', 'es'], 'Order a nutrition consult in the record.', 'Mon-Thu 08:30-14:30'),
    svc(ids.hillview, 'social_work', 'Hillview Social Services', '+34 900 300 101', ['en', 'ar'], 'Call the desk; a social worker calls the patient back within 2 working days.', 'Mon-Fri 09:00-14:00'),
    svc(ids.hillview, 'chaplaincy', 'Hillview Multi-faith Chaplaincy', '+34 900 300 102', ['en', 'ar', 'es'], 'Ask the ward or call directly.', 'Every day 08:00-20:00'),
    svc(ids.lakeside, 'rehabilitation', 'Lakeside Cancer Rehabilitation', 'rehab@lakeside.example', ['es', 'en'], 'Physician referral with the latest ECOG.', 'Mon-Fri 08:00-16:00'),
    svc(ids.lakeside, 'psycho_oncology', 'Lakeside Psycho-oncology', '+34 900 200 301', ['es'], 'Self-referral or navigator referral by phone.', 'Tue and Thu 10:00-18:00'),
  ]);
  const [accepted] = await db.select().from(referrals).where(and(eq(referrals.patientId, ids.ben), eq(referrals.state, 'accepted')));
  if (!accepted?.respondedAt) return;
  const rule = DEFAULT_RULES.referral_far_travel;
  const dueAt = dueFrom(accepted.respondedAt.getTime(), rule.due, WH, 'Europe/Madrid');
  for (const type of ['travel', 'lodging'] as const) {
    const id = randomUUID();
    await db.insert(navigationTasks).values({ id, orgId: ids.org, patientId: ids.ben, type, status: 'open', ownerId: ids.nora, dueAt, sourceKind: 'referral', sourceId: accepted.id, ruleId: rule.id, eventKey: `${type}:${accepted.id}`, createdBy: 'system:tasks', createdAt: accepted.respondedAt });
    await db.insert(navigationTaskEvents).values({ id: randomUUID(), taskId: id, kind: 'created', actor: 'system:tasks', toValue: 'open', at: accepted.respondedAt });
  }
}
