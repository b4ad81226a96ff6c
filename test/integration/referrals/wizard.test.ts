import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { organizations } from '../../../src/people/tables.ts';
import { referrals } from '../../../src/referrals/tables.ts';
import { addWorkingDays } from '../../../src/platform/time.ts';
import { json, useReferralServer } from './support.ts';

const ctx = useReferralServer(['ana', 'carl', 'nora', 'rhea', 'admin']);
const { as, ids } = ctx;

type Consent = { status: string; requestedAt: string | null; declinedAt: string | null; witness: string | null; method: string | null };
type Ref = { id: string; state: string; toSiteId: string | null; urgency: string; domain: string | null; scheduledFor: string | null; consent: Consent; mapping: { source: string | null } | null };
type Home = { consentRequests: Array<{ referralId: string }> | null };

const notified = (userId: string, template: string, referralId: string) =>
  expect.poll(async () => (await ctx.server.deps.db.select().from(inappNotifications).where(and(eq(inappNotifications.userId, userId), eq(inappNotifications.template, template)))).some((n) => n.refs.referralId === referralId), { timeout: 10_000 }).toBe(true);

describe('the referral wizard, step by step', () => {
  it('saves a draft before the site is chosen, suggests sites for the domain, and sends only with a site', async () => {
    const draft = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'second_opinion' }), 201);
    expect(draft).toMatchObject({ state: 'draft', toSiteId: null, urgency: 'routine', domain: null });
    expect(await json<{ sites: unknown[] }>(await as.nora!.get(`/api/referrals/${draft.id}/sites`), 200)).toEqual({ sites: [] });
    // The packet builder reads the patient's documents and the care-team thread to upload into.
    const docs = await json<{ threadId: string; documents: unknown[] }>(await as.nora!.get(`/api/referrals/${draft.id}/documents`), 200);
    expect(docs.threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Array.isArray(docs.documents)).toBe(true);

    const coded = await json<Ref>(await as.nora!.send('PATCH', `/api/referrals/${draft.id}`, { topography: 'C49.2', morphology: '8890/3' }), 200);
    expect(coded.domain).toBe('sarcoma');
    expect(coded.mapping?.source).toMatch(/\S/);
    const { sites } = await json<{ sites: Array<{ id: string; telemedicine: boolean; speaksPatientLanguage: boolean; travelMinutes: number | null }> }>(await as.nora!.get(`/api/referrals/${draft.id}/sites`), 200);
    expect(sites[0]).toMatchObject({ id: ids.northgate, telemedicine: true, speaksPatientLanguage: true });

    // Asking for consent needs the site: the patient must know with whom.
    await json(await as.nora!.send('POST', `/api/referrals/${draft.id}/consent/request`, {}), 400);
    await json(await as.nora!.send('POST', `/api/referrals/${draft.id}/send`, {}), 400);
    const sited = await json<Ref>(await as.nora!.send('PATCH', `/api/referrals/${draft.id}`, { toSiteId: ids.northgate, urgency: 'urgent', question: 'Surgery first?' }), 200);
    expect(sited).toMatchObject({ toSiteId: ids.northgate, urgency: 'urgent' });
  });

  it('gives an urgent referral the shorter deadline the organization set for its type, and a routine one the usual', async () => {
    await json(await as.admin!.send('PUT', '/api/referrals/settings/deadlines/palliative_care', { workingDays: 5, reminderDays: [2, 1], urgentWorkingDays: 6 }), 400);
    const { rules } = await json<{ rules: Array<{ type: string; urgentWorkingDays: number | null }> }>(await as.admin!.send('PUT', '/api/referrals/settings/deadlines/palliative_care', { workingDays: 5, reminderDays: [2, 1], urgentWorkingDays: 2 }), 200);
    expect(rules.find((r) => r.type === 'palliative_care')?.urgentWorkingDays).toBe(2);
    const [org] = await ctx.server.deps.db.select().from(organizations);
    const sendOne = async (urgency: 'routine' | 'urgent') => {
      const r = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'palliative_care', urgency, toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3' }), 201);
      for (const kind of ['clinical_summary', 'prior_therapy']) await json(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, { source: 'navigator', kind, title: kind, body: 'Text.' }), 201);
      await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'verbal', witness: 'Dr Okafor' }), 200);
      return json<{ id: string; sentAt: string; deadlineAt: string }>(await as.nora!.send('POST', `/api/referrals/${r.id}/send`, {}), 200);
    };
    const urgent = await sendOne('urgent');
    expect(urgent.deadlineAt).toBe(addWorkingDays(new Date(urgent.sentAt), 2, org!.workingHours, org!.timezone).toISOString());
    const routine = await sendOne('routine');
    expect(routine.deadlineAt).toBe(addWorkingDays(new Date(routine.sentAt), 5, org!.workingHours, org!.timezone).toISOString());

    // The navigator's worklist carries referrals near or past their deadline, not those with days left.
    await ctx.server.deps.db.update(referrals).set({ deadlineAt: new Date(Date.now() - 3600_000) }).where(eq(referrals.id, urgent.id));
    const list = await json<{ referrals: Array<{ id: string; overdue: boolean }> }>(await as.nora!.get('/api/worklist'), 200);
    expect(list.referrals.find((r) => r.id === urgent.id)).toMatchObject({ overdue: true });
    expect(list.referrals.some((r) => r.id === routine.id)).toBe(false);
  });

  it('searches ICD-O-3 codes in Spanish and answers with Spanish terms, codes always given', async () => {
    const { results } = await json<{ results: Array<{ code: string; term: string }> }>(await as.nora!.get(`/api/referrals/codes/search?${new URLSearchParams({ q: 'estómago cuerpo', axis: 'topography', locale: 'es' })}`), 200);
    expect(results).toEqual([{ code: 'C16.2', term: 'Cuerpo del estómago', axis: 'topography' }]);
    const map = await json<{ mapping: { topography: { term: string }; morphology: { term: string } } }>(await as.nora!.get('/api/referrals/codes/map?topography=C17.1&morphology=8240%2F3&locale=es'), 200);
    expect([map.mapping.topography.term, map.mapping.morphology.term]).toEqual(['Yeyuno', 'Tumor carcinoide, SAI']);
    await json(await as.nora!.get('/api/referrals/codes/search?q=stomach&locale=fr'), 400);
  });

  it('asks the patient: notification and home card; a no leaves the home and tells the navigator; in person needs a witness', async () => {
    const r = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'case_review', toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3' }), 201);
    const onHome = async (who: 'ana' | 'carl') => ((await json<Home>(await as[who]!.get(`/api/home${who === 'carl' ? `?patientId=${ids.ana}` : ''}`), 200)).consentRequests ?? []).some((c) => c.referralId === r.id);
    expect(await onHome('ana')).toBe(false);

    const asked = await json<Consent>(await as.nora!.send('POST', `/api/referrals/${r.id}/consent/request`, {}), 200);
    expect(asked.requestedAt).not.toBeNull();
    await notified(ids.ana!, 'referralflow.consentRequested', r.id);
    await notified(ids.carl!, 'referralflow.consentRequested', r.id);
    expect(await onHome('ana')).toBe(true);
    expect(await onHome('carl')).toBe(true);
    // The caregiver sees the request but the decision is the patient's.
    await json(await as.carl!.send('POST', `/api/referrals/${r.id}/consent/decline`, {}), 403);

    const no = await json<Consent>(await as.ana!.send('POST', `/api/referrals/${r.id}/consent/decline`, {}), 200);
    expect(no).toMatchObject({ status: 'none', declinedAt: expect.any(String) });
    expect(await onHome('ana')).toBe(false);
    await notified(ids.nora!, 'referralflow.consentDeclined', r.id);

    await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'verbal' }), 400);
    const given = await json<Consent>(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'written', witness: 'Maria Ortiz, ward nurse' }), 200);
    expect(given).toMatchObject({ status: 'active', method: 'written', witness: 'Maria Ortiz, ward nurse', declinedAt: null });
    await json(await as.ana!.send('POST', `/api/referrals/${r.id}/consent/decline`, {}), 409);
  });

  it('schedules an accepted referral into a case-review session: on its agenda, at its start', async () => {
    const r = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'specialist_consultation', toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3' }), 201);
    for (const kind of ['pathology', 'clinical_summary']) await json(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, { source: 'navigator', kind, title: kind, body: 'Text.' }), 201);
    await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'verbal', witness: 'Dr Okafor' }), 200);
    await json(await as.nora!.send('POST', `/api/referrals/${r.id}/send`, {}), 200);
    await json(await as.rhea!.send('POST', `/api/referrals/${r.id}/accept`, {}), 200);
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const session = await json<{ id: string }>(await as.rhea!.send('POST', '/api/case-reviews', { siteId: ids.northgate, title: 'Sarcoma board', startsAt }), 201);
    await json(await as.rhea!.send('POST', `/api/referrals/${r.id}/schedule`, { scheduledFor: startsAt, caseReviewId: session.id }), 400);
    const scheduled = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${r.id}/schedule`, { caseReviewId: session.id }), 200);
    expect(scheduled.state).toBe('scheduled');
    expect(Date.parse(scheduled.scheduledFor!)).toBe(Date.parse(startsAt));
    const review = await json<{ agenda: Array<{ referralId: string }> }>(await as.rhea!.get(`/api/case-reviews/${session.id}`), 200);
    expect(review.agenda.map((a) => a.referralId)).toContain(r.id);
  });
});
