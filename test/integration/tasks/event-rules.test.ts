import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { closeOfWorkingDaysBefore } from '../../../src/platform/time.ts';
import { dueFrom } from '../../../src/tasks/due.ts';
import { handleTaskEvent, runGoalsReview, taskEventsForCheckin } from '../../../src/tasks/events.ts';
import { navigationTasks } from '../../../src/tasks/tables.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startTestWorkers } from '../../support/workers.ts';
import { demoIds, ESAS_ZERO, submit, waitFor, workerTracker } from '../checkins/helpers.ts';

// Each event rule end to end: the event through the owning domain's API, a BullMQ job with the event's
// id, one task (never two, also on a replay), due in the organization's working time (Madrid, Mon-Fri 08-18).
const WH = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const TZ = 'Europe/Madrid';

let server: TestServer;
let ids: Awaited<ReturnType<typeof demoIds>>;
const as: Record<string, Client> = {};
const workers = workerTracker();

beforeAll(async () => {
  server = await startTestServer();
  ids = await demoIds(server);
  for (const name of ['ana', 'ben', 'nora', 'lead', 'rhea']) as[name] = await login(server.url, `${name}@demo.test`);
}, 60_000);
afterEach(() => workers.stopAll());
afterAll(() => server?.close(), 60_000);

const tasksOf = (patientId: string, type: string) => server.deps.db.select().from(navigationTasks).where(and(eq(navigationTasks.patientId, patientId), eq(navigationTasks.type, type as never)));
const json = async <T>(res: Response, status: number): Promise<T> => {
  if (res.status !== status) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
};

describe('event rules -> tasks (issue 17 items 2, 6, 7)', () => {
  it('Distress Thermometer >= 4: one supportive-service task per routed service, due in 5 working days, once', async () => {
    await workers.track(startTestWorkers(server));
    const { id } = await submit(as.ana!, 'distress-thermometer', { score: 6, problems: ['housing', 'partner', 'worry'] });
    await waitFor(async () => (await tasksOf(ids.ana, 'supportive_service')).length === 2);
    const rows = await tasksOf(ids.ana, 'supportive_service');
    expect(rows.map((r) => r.service).sort()).toEqual(['psycho_oncology', 'social_work']);
    const submittedAt = (await server.deps.db.query.checkins.findFirst({ where: (c, o) => o.eq(c.id, id) }))!.submittedAt;
    for (const r of rows) expect(r).toMatchObject({ ownerId: ids.nora, sourceKind: 'checkin', sourceId: id, ruleId: 'dt_problem_service', dueAt: dueFrom(submittedAt.getTime(), { amount: 5, unit: 'working_days' }, WH, TZ) });
    // The same event again: the job id collapses it, and a replayed handler creates nothing.
    await taskEventsForCheckin(server.deps, id);
    expect(await handleTaskEvent(server.deps, { kind: 'checkin', id })).toEqual({ tasks: [] });
    expect(await tasksOf(ids.ana, 'supportive_service')).toHaveLength(2);
  });

  it('a Hui major criterion computed true (ESAS pain 8) -> one palliative evaluation within 14 days', async () => {
    await workers.track(startTestWorkers(server));
    const first = await submit(as.ben!, 'esas-r', { ...ESAS_ZERO, pain: 8 });
    await waitFor(async () => (await tasksOf(ids.ben, 'palliative_evaluation')).length === 1);
    const submittedAt = (await server.deps.db.query.checkins.findFirst({ where: (c, o) => o.eq(c.id, first.id) }))!.submittedAt;
    expect((await tasksOf(ids.ben, 'palliative_evaluation'))[0]).toMatchObject({ ruleId: 'palliative_trigger', sourceId: first.id, dueAt: dueFrom(submittedAt.getTime(), { amount: 14, unit: 'days' }, WH, TZ) });
    // Still severe next time: the open evaluation covers it.
    const second = await submit(as.ben!, 'esas-r', { ...ESAS_ZERO, pain: 9 });
    expect(await handleTaskEvent(server.deps, { kind: 'checkin', id: second.id })).toEqual({ tasks: [] });
    expect(await tasksOf(ids.ben, 'palliative_evaluation')).toHaveLength(1);
  });

  it('referral accepted at a site 120 min away -> travel and lodging; scheduling moves them before the visit; a palliative referral sent -> goals-of-care review', async () => {
    await workers.track(startTestWorkers(server));
    const sites = (await json<{ sites: Array<{ id: string; name: string }> }>(await as.nora!.get('/api/directory/sites'), 200)).sites;
    const northgate = sites.find((s) => s.name.startsWith('Northgate'))!.id;
    const ref = await json<{ id: string }>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ben, type: 'palliative_care', toSiteId: northgate }), 201);
    for (const kind of ['clinical_summary', 'prior_therapy']) await json(await as.nora!.send('POST', `/api/referrals/${ref.id}/packet`, { source: 'navigator', kind, title: kind, body: 'text' }), 201);
    await json(await as.ben!.send('PUT', `/api/referrals/${ref.id}/consent`, { method: 'in_app' }), 200);
    await json(await as.nora!.send('POST', `/api/referrals/${ref.id}/send`, {}), 200);
    await waitFor(async () => (await tasksOf(ids.ben, 'goals_of_care')).some((t) => t.sourceId === ref.id));
    await json(await as.rhea!.send('POST', `/api/referrals/${ref.id}/accept`, {}), 200);
    const fromRef = async () => (await server.deps.db.select().from(navigationTasks).where(eq(navigationTasks.sourceId, ref.id))).filter((t) => t.type === 'travel' || t.type === 'lodging');
    await waitFor(async () => (await fromRef()).length === 2);
    const respondedAt = (await server.deps.db.query.referrals.findFirst({ where: (r, o) => o.eq(r.id, ref.id) }))!.respondedAt!;
    for (const t of await fromRef()) expect(t.dueAt).toEqual(dueFrom(respondedAt.getTime(), { amount: 3, unit: 'working_days' }, WH, TZ));
    // The visit is booked 10 days out: both become due 3 working days before it.
    const visit = new Date(Date.now() + 10 * 86_400_000);
    await json(await as.rhea!.send('POST', `/api/referrals/${ref.id}/schedule`, { scheduledFor: visit.toISOString() }), 200);
    const expected = closeOfWorkingDaysBefore(visit.getTime(), 3, WH, TZ);
    await waitFor(async () => (await fromRef()).every((t) => t.dueAt.getTime() === expected.getTime()));
    expect((await fromRef()).map((t) => t.type).sort()).toEqual(['lodging', 'travel']);
    expect((await tasksOf(ids.ben, 'goals_of_care')).filter((t) => t.sourceId === ref.id)).toHaveLength(1);
  });

  it('an appointment needing an interpreter -> one interpreter booking 2 working days before, also after a reschedule', async () => {
    await workers.track(startTestWorkers(server));
    const starts = new Date(Date.now() + 8 * 86_400_000);
    const appt = await json<{ id: string }>(
      await as.nora!.send('POST', '/api/appointments', { patientId: ids.ana, kind: 'video', startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 1_800_000).toISOString(), logistics: { interpreterNeeded: true, interpreterLanguage: 'ar' } }),
      201,
    );
    await waitFor(async () => (await tasksOf(ids.ana, 'interpreter_booking')).length === 1);
    expect((await tasksOf(ids.ana, 'interpreter_booking'))[0]).toMatchObject({ sourceId: appt.id, dueAt: closeOfWorkingDaysBefore(starts.getTime(), 2, WH, TZ) });
    const later = new Date(starts.getTime() + 86_400_000);
    await json(await as.nora!.send('PATCH', `/api/appointments/${appt.id}`, { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 1_800_000).toISOString() }), 200);
    expect(await handleTaskEvent(server.deps, { kind: 'appointment', id: appt.id })).toEqual({ tasks: [] });
    expect(await tasksOf(ids.ana, 'interpreter_booking')).toHaveLength(1);
  });

  it('disease progression recorded -> palliative evaluation (the lead\'s timeframe) and goals-of-care review; queued while no worker runs, nothing is lost', async () => {
    const rule = await as.lead!.send('PUT', '/api/tasks/rules/palliative_trigger', { enabled: true, due: { amount: 7, unit: 'days' }, params: {}, note: 'Faster for this network' });
    expect(rule.status).toBe(200);
    const before = (await tasksOf(ids.ana, 'palliative_evaluation')).length;
    const { id } = await json<{ id: string }>(await as.nora!.send('POST', `/api/patients/${ids.ana}/progressions`, { occurredOn: '2026-11-20', note: 'New liver lesions on CT.' }), 201);
    // No worker yet: the event waits in Redis; a worker started later (as after a crash) picks it up.
    expect(await server.deps.queues.get(QUEUES.tasks).getJob(`evt.progression.${id}`)).toBeDefined();
    await workers.track(startTestWorkers(server));
    await waitFor(async () => (await tasksOf(ids.ana, 'palliative_evaluation')).length === before + 1 && (await tasksOf(ids.ana, 'goals_of_care')).some((t) => t.sourceId === id));
    const recordedAt = (await server.deps.db.query.diseaseProgressions.findFirst({ where: (p, o) => o.eq(p.id, id) }))!.recordedAt;
    const pal = (await tasksOf(ids.ana, 'palliative_evaluation')).find((t) => t.sourceId === id)!;
    expect(pal.dueAt).toEqual(dueFrom(recordedAt.getTime(), { amount: 7, unit: 'days' }, WH, TZ));
    // Two workers handling the same event at once (a stalled job redelivered): still one task each.
    const again = await Promise.all([handleTaskEvent(server.deps, { kind: 'progression', id }), handleTaskEvent(server.deps, { kind: 'progression', id })]);
    expect(again).toEqual([{ tasks: [] }, { tasks: [] }]);
  });

  it('goals of care: versioned; the 3-month review is planned per version and only the latest one fires', async () => {
    const body = { whatMatters: 'Being at home with my children.', worries: 'Pain at night.', preferredPlace: 'home', decisionMaker: 'Carl García (brother)', documents: ['healthcare_proxy'], language: 'es', withPatient: true };
    const v1 = await json<{ id: string; version: number }>(await as.nora!.send('POST', `/api/patients/${ids.ana}/goals-of-care`, body), 201);
    const v2 = await json<{ id: string; version: number }>(await as.nora!.send('POST', `/api/patients/${ids.ana}/goals-of-care`, { ...body, preferredPlace: 'hospice' }), 201);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const job = await server.deps.queues.get(QUEUES.tasks).getJob(`goc-review.${v2.id}`);
    expect(job?.opts.delay).toBeGreaterThan(85 * 86_400_000);
    expect(await runGoalsReview(server.deps, v1.id)).toEqual({ tasks: [] });
    const fired = await runGoalsReview(server.deps, v2.id);
    expect(fired.tasks).toHaveLength(1);
    expect(await runGoalsReview(server.deps, v2.id)).toEqual({ tasks: [] });
    const mine = await json<{ current: { version: number; preferredPlace: string }; history: unknown[] }>(await as.ana!.get(`/api/patients/${ids.ana}/goals-of-care`), 200);
    expect(mine.current).toMatchObject({ version: 2, preferredPlace: 'hospice' });
    expect(mine.history).toHaveLength(2);
  });

  it('a task due soon reminds its owner; hand-over, waiting, done and cancel-with-reason are recorded', async () => {
    await workers.track(startTestWorkers(server));
    const { task } = await json<{ task: { id: string } }>(await as.nora!.send('POST', '/api/tasks', { patientId: ids.ben, type: 'insurance_authorization', dueAt: new Date(Date.now() + 3_600_000).toISOString() }), 201);
    await waitFor(async () => (await server.deps.db.select().from(inappNotifications).where(and(eq(inappNotifications.userId, ids.nora), eq(inappNotifications.template, 'tasks.due')))).length >= 1);
    expect((await as.nora!.send('PATCH', `/api/tasks/${task.id}`, { status: 'cancelled' })).status).toBe(400);
    await json(await as.nora!.send('PATCH', `/api/tasks/${task.id}`, { status: 'waiting', waitingOn: 'Insurer' }), 200);
    const handed = await json<{ task: { ownerId: string } }>(await as.nora!.send('POST', `/api/tasks/${task.id}/assign`, { ownerId: ids.lead }), 200);
    expect(handed.task.ownerId).toBe(ids.lead);
    await json(await as.nora!.send('PATCH', `/api/tasks/${task.id}`, { status: 'done' }), 200);
    expect((await as.nora!.send('PATCH', `/api/tasks/${task.id}`, { status: 'open' })).status).toBe(409);
    const detail = await json<{ history: Array<{ kind: string; to: string | null }> }>(await as.nora!.get(`/api/tasks/${task.id}`), 200);
    expect(detail.history.map((h) => h.kind)).toEqual(['created', 'status', 'assigned', 'status']);
    const audit = await server.deps.db.query.auditLog.findMany({ where: (a, o) => o.eq(a.targetId, task.id) });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['task.create', 'task.waiting', 'task.assign', 'task.done', 'task.read', 'task.remind']));
    const m = await json<{ open: number; overdue: number; done: number; medianDaysToDone: number | null }>(await as.nora!.get('/api/tasks/measures'), 200);
    expect(m.done).toBeGreaterThanOrEqual(1);
    expect(m.medianDaysToDone).not.toBeNull();
    expect(m.open).toBeGreaterThanOrEqual(2); // Ben's seeded travel and lodging at least
  });
});
