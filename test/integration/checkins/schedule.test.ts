import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from '../../../src/checkins/rule-defaults.ts';
import { publishRuleSet } from '../../../src/checkins/rules.ts';
import { checkinDue, cronFor, schedulerId } from '../../../src/checkins/service.ts';
import { checkinRequests } from '../../../src/checkins/tables.ts';
import { alerts } from '../../../src/alerts/tables.ts';
import { navigationTasks } from '../../../src/tasks/tables.ts';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { notificationDeliveries } from '../../../src/notifications/tables.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startSmtpSink } from '../../support/smtp.ts';
import { startTestWorkers } from '../../support/workers.ts';
import { demoIds, ESAS_ZERO, submit, waitFor, workerTracker } from './helpers.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let ids: Awaited<ReturnType<typeof demoIds>>;
let ana: Client;
let nora: Client;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
  ids = await demoIds(server);
  ana = await login(server.url, 'ana@demo.test');
  nora = await login(server.url, 'nora@demo.test');
  // Reminder after 1 s and navigator task after 2 s instead of 24 h and 72 h.
  await publishRuleSet(server.deps.db, ids.org, { ladder: { ...DEFAULT_LADDER, reminderAfter: { amount: 1, unit: 'seconds' }, taskAfter: { amount: 2, unit: 'seconds' } } }, 'test', 'short follow-ups');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.close();
}, 60_000);
const workers = workerTracker();
afterEach(() => workers.stopAll());

const queue = () => server.deps.queues.get(QUEUES.checkins);

describe('check-in schedules (BullMQ job schedulers, patient time zone)', () => {
  it.each([
    ['daily', '0 9 * * *'],
    ['weekly', '0 9 * * 1'],
    ['biweekly', '0 9 * * 1'],
    ['monthly', '0 9 23 * *'],
  ] as const)('%s -> cron %s (from Monday 23 November in Madrid)', (frequency, cron) => {
    expect(cronFor(frequency, 9, 'Europe/Madrid', new Date('2026-11-23T12:00:00Z'))).toBe(cron);
  });

  it('defaults to the patient\'s time zone; a change replaces the scheduler at once; stop removes it', async () => {
    const set = await nora.send('PUT', `/api/patients/${ids.ana}/checkin-schedule`, { frequency: 'weekly', instruments: ['esas-r', 'phq-9'] });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { schedule: { timezone: string; version: number } }).schedule).toMatchObject({ timezone: 'Europe/Madrid', version: 1 });
    let s = await queue().getJobScheduler(schedulerId(ids.ana));
    expect(s).toMatchObject({ tz: 'Europe/Madrid' });
    expect(s?.pattern).toMatch(/^0 10 \* \* \d$/);
    const change = await nora.send('PUT', `/api/patients/${ids.ana}/checkin-schedule`, { frequency: 'daily', hour: 8, instruments: ['esas-r'], timezone: 'America/New_York' });
    expect(change.status).toBe(200);
    s = await queue().getJobScheduler(schedulerId(ids.ana));
    expect(s).toMatchObject({ pattern: '0 8 * * *', tz: 'America/New_York' });
    expect(((await queue().getJobSchedulers()) as Array<{ key: string }>).filter((x) => x.key === schedulerId(ids.ana))).toHaveLength(1);
    // The next run carries the new version: a run from the old version would be ignored.
    const next = (await queue().getDelayed()).find((j) => j.name === 'checkin-due' && j.data.patientId === ids.ana);
    expect(next?.data).toEqual({ patientId: ids.ana, version: 2 });
    expect(await checkinDue(server.deps, ids.ana, 1, Date.now())).toEqual({ skipped: 'stale' });
    const stop = await nora.send('PUT', `/api/patients/${ids.ana}/checkin-schedule`, { frequency: 'daily', instruments: ['esas-r'], active: false });
    expect(stop.status).toBe(200);
    expect(await queue().getJobScheduler(schedulerId(ids.ana))).toBeUndefined();
    expect((await ana.send('PUT', `/api/patients/${ids.ana}/checkin-schedule`, { frequency: 'daily', instruments: ['esas-r'] })).status).toBe(403);
  });

  it('due -> request and patient notified; no answer -> reminder (once), then a follow-up task for the navigator (tasks rule)', async () => {
    await nora.send('PUT', `/api/patients/${ids.ben}/checkin-schedule`, { frequency: 'weekly', instruments: ['esas-r'] });
    await workers.track(startTestWorkers(server, { stalledInterval: 500 }));
    const version = (await server.deps.db.query.checkinSchedules.findFirst({ where: (s, { eq: e }) => e(s.patientId, ids.ben) }))!.version;
    // The scheduler's fire, as BullMQ would produce it at the due minute.
    await queue().add('checkin-due', { patientId: ids.ben, version }, { jobId: `due.${ids.ben}.test` });
    await waitFor(async () => (await server.deps.db.select().from(checkinRequests).where(eq(checkinRequests.patientId, ids.ben))).length === 1);
    const [request] = await server.deps.db.select().from(checkinRequests).where(eq(checkinRequests.patientId, ids.ben));
    await waitFor(async () => Boolean((await server.deps.db.select().from(checkinRequests).where(eq(checkinRequests.id, request!.id)))[0]?.remindedAt), 6000);
    await waitFor(async () => (await server.deps.db.select().from(navigationTasks).where(eq(navigationTasks.sourceId, request!.id))).length === 1, 8000);
    const [task] = await server.deps.db.select().from(navigationTasks).where(eq(navigationTasks.sourceId, request!.id));
    expect(task).toMatchObject({ type: 'checkin_follow_up', status: 'open', sourceKind: 'checkin_request', ruleId: 'checkin_missed_follow_up', ownerId: ids.nora });
    // The ad-hoc missed-check-in alert is gone: the follow-up is a task, not an alert.
    expect(await server.deps.db.select().from(alerts).where(eq(alerts.sourceId, request!.id))).toHaveLength(0);
    await waitFor(async () => (await server.deps.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.jobKey, `checkin.${request!.id}.reminder:email`)))[0]?.status === 'sent');
    expect(smtp.mails.filter((m) => m.to.includes('ben@demo.test')).length).toBe(2); // due + one reminder
  });

  it('answering in time completes the request: no reminder, no task', async () => {
    await workers.track(startTestWorkers(server, { stalledInterval: 500 }));
    await nora.send('PUT', `/api/patients/${ids.ana}/checkin-schedule`, { frequency: 'weekly', instruments: ['esas-r'] });
    const version = (await server.deps.db.query.checkinSchedules.findFirst({ where: (s, { eq: e }) => e(s.patientId, ids.ana) }))!.version;
    const { requestId } = (await checkinDue(server.deps, ids.ana, version, Date.now() - 10)) as { requestId: string };
    await submit(ana, 'esas-r', ESAS_ZERO);
    const [row] = await server.deps.db.select().from(checkinRequests).where(eq(checkinRequests.id, requestId));
    expect(row?.completedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 2500));
    const [after] = await server.deps.db.select().from(checkinRequests).where(eq(checkinRequests.id, requestId));
    expect(after).toMatchObject({ remindedAt: null, taskRaisedAt: null });
    expect(await server.deps.db.select().from(navigationTasks).where(eq(navigationTasks.sourceId, requestId))).toHaveLength(0);
  });
});
