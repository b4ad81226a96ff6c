import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { alertEvents, alerts, onCallRota } from '../../../src/alerts/tables.ts';
import { escalationJobId, reconcileEscalations, runEscalationStep, scheduleStep } from '../../../src/alerts/service.ts';
import { DEFAULT_LADDER } from '../../../src/checkins/rule-defaults.ts';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { notificationDeliveries } from '../../../src/notifications/tables.ts';
import { users } from '../../../src/people/tables.ts';
import { defineJob, type JobDefinition } from '../../../workers/runtime.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startSmtpSink } from '../../support/smtp.ts';
import { startTestWorkers } from '../../support/workers.ts';
import { demoIds, ESAS_ZERO, PHQ_ZERO, submit, waitFor, workerTracker } from './helpers.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let ids: Awaited<ReturnType<typeof demoIds>>;
let ana: Client;
let nora: Client;
let lead: Client;
const omar = randomUUID();

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
  ids = await demoIds(server);
  [ana, nora, lead] = (await Promise.all(['ana', 'nora', 'lead'].map((n) => login(server.url, `${n}@demo.test`)))) as [Client, Client, Client];
  // A second navigator on call now, so "escalate to on-call" visibly moves the alert away from Nora.
  await server.deps.db.insert(users).values({ id: omar, orgId: ids.org, email: 'omar@demo.test', name: 'Omar Oncall', role: 'navigator', locale: 'es', timezone: 'Europe/Madrid' });
  await server.deps.db.insert(onCallRota).values({ id: randomUUID(), orgId: ids.org, userId: omar, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 3_600_000), createdBy: 'test' });
  // Short test deadlines, published through the API as the clinical lead (a new rule-set version).
  const res = await lead.send('PUT', '/api/clinical-rules/ladder', {
    note: 'seconds for tests',
    ladder: {
      ...DEFAULT_LADDER,
      urgent: { ack: { amount: 1, unit: 'seconds' }, steps: ['on_call', 'clinical_lead'] },
      high: { ack: { amount: 1, unit: 'seconds' }, steps: ['on_call'] },
      moderate: { ack: { amount: 1, unit: 'seconds' }, steps: ['overdue'] },
    },
  });
  expect(res.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await smtp?.close();
}, 60_000);

const workers = workerTracker();
const track = workers.track;
afterEach(() => workers.stopAll());

// Every worker in this file checks for stalled jobs often: BullMQ coordinates the check through a Redis
// key that lives for the last checker's stalledInterval, so one slow checker would delay the next.
const startW = (opts: Parameters<typeof startTestWorkers>[1] = {}) => startTestWorkers(server, { stalledInterval: 300, lockDuration: 2000, ...opts });

const eventsOf = (alertId: string) => server.deps.db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId));
const escalateAudits = (alertId: string) => server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'alert.escalate'), eq(auditLog.targetId, alertId))).orderBy(auditLog.seq);
const alertRow = async (id: string) => (await server.deps.db.select().from(alerts).where(eq(alerts.id, id)))[0]!;

describe('escalation ladder (short test deadlines)', () => {
  it('a clinician who is not a clinical lead cannot change the ladder', async () => {
    const res = await nora.send('PUT', '/api/clinical-rules/ladder', { note: 'nope', ladder: DEFAULT_LADDER });
    expect(res.status).toBe(403);
  });

  it('urgent, unacknowledged: on-call at the deadline, then the clinical lead one deadline later; each step audited once', async () => {
    await track(startW());
    const out = await submit(ana, 'phq-9', { ...PHQ_ZERO, item9: 2 });
    const alertId = out.alerts[0]!.id;
    const created = (await alertRow(alertId)).createdAt.getTime();
    await waitFor(async () => (await eventsOf(alertId)).some((e) => e.step === 'esc2'), 8000);
    const events = await eventsOf(alertId);
    const esc1 = events.find((e) => e.step === 'esc1')!;
    const esc2 = events.find((e) => e.step === 'esc2')!;
    expect(esc1).toMatchObject({ kind: 'escalated_on_call', targetUser: omar, actor: 'system:escalations' });
    expect(esc2).toMatchObject({ kind: 'escalated_clinical_lead', targetUser: ids.lead });
    // Deadline 1 s: step 1 no earlier than 1 s after the alert, step 2 no earlier than 1 s after step 1.
    expect(esc1.at.getTime() - created).toBeGreaterThanOrEqual(1000);
    expect(esc1.at.getTime() - created).toBeLessThan(2500);
    expect(esc2.at.getTime() - esc1.at.getTime()).toBeGreaterThanOrEqual(1000);
    expect(esc2.at.getTime() - esc1.at.getTime()).toBeLessThan(2500);
    const row = await alertRow(alertId);
    expect(row).toMatchObject({ assignedTo: omar, escalationLevel: 2, overdue: true, status: 'open' });
    expect(await escalateAudits(alertId)).toHaveLength(2);
    // The on-call navigator and the lead are told in-app and by e-mail, once each.
    await waitFor(async () => (await server.deps.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.jobKey, `alert.${alertId}.esc2.${ids.lead}:email`)))[0]?.status === 'sent');
    expect(smtp.mails.filter((m) => m.to.includes('omar@demo.test')).length).toBeGreaterThanOrEqual(1);
  });

  it('acknowledging before the deadline stops the ladder', async () => {
    await track(startW());
    const out = await submit(ana, 'esas-r', { ...ESAS_ZERO, nausea: 8 });
    const alertId = out.alerts[0]!.id;
    const ack = await nora.send('POST', `/api/alerts/${alertId}/acknowledge`);
    expect(ack.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await eventsOf(alertId)).map((e) => e.kind).sort()).toEqual(['acknowledged', 'created']);
    expect(await escalateAudits(alertId)).toHaveLength(0);
    expect(await server.deps.queues.get(QUEUES.escalations).getJob(escalationJobId(alertId, 1))).toBeUndefined();
  });

  it('moderate: flagged overdue on the navigator\'s queue, not reassigned', async () => {
    await track(startW());
    const out = await submit(ana, 'distress-thermometer', { score: 5, problems: [] });
    const alertId = out.alerts[0]!.id;
    await waitFor(async () => (await eventsOf(alertId)).some((e) => e.step === 'esc1'), 6000);
    expect(await alertRow(alertId)).toMatchObject({ overdue: true, assignedTo: ids.nora, escalationLevel: 1 });
    const list = (await (await nora.get('/api/alerts?status=open')).json()) as { alerts: Array<{ id: string; overdue: boolean }> };
    expect(list.alerts.find((a) => a.id === alertId)?.overdue).toBe(true);
  });

  it('a worker killed after the step and before completing: a second worker takes the stalled job; the step, audit and delivery happen once (S13)', async () => {
    let release!: () => void;
    const hang = new Promise<void>((r) => (release = r));
    let reachedAfterStep = false;
    // The real step, then the process "dies" before BullMQ records completion.
    const dying = defineJob({
      queue: QUEUES.escalations,
      name: 'escalation-step',
      schema: z.object({ alertId: z.uuid(), step: z.number().int() }).strict(),
      handle: async (data, _job, deps) => {
        await runEscalationStep(deps, data.alertId, data.step);
        reachedAfterStep = true;
        await hang;
      },
    }) as unknown as JobDefinition<z.ZodType>;
    const a = await track(startW({ jobs: [dying], lockDuration: 600 }));
    const out = await submit(ana, 'esas-r', { ...ESAS_ZERO, shortness_of_breath: 8 });
    const alertId = out.alerts[0]!.id;
    await waitFor(() => reachedAfterStep, 6000);
    await a.close(true); // like SIGKILL: the lock is not released and not renewed
    release();
    const b = await track(startW({ lockDuration: 600 }));
    const job = await server.deps.queues.get(QUEUES.escalations).getJob(escalationJobId(alertId, 1));
    await waitFor(async () => (await job!.getState()) === 'completed', 10_000);
    await waitFor(async () => (await server.deps.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.jobKey, `alert.${alertId}.esc1.${omar}:email`)))[0]?.status === 'sent');
    expect((await eventsOf(alertId)).filter((e) => e.step === 'esc1')).toHaveLength(1);
    expect(await escalateAudits(alertId)).toHaveLength(1);
    const deliveries = await server.deps.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, omar));
    expect(deliveries.filter((d) => d.jobKey.startsWith(`alert.${alertId}.esc1.`))).toHaveLength(2); // inapp + email, once each
    expect((await job!.getState())).toBe('completed');
    expect((await server.deps.queues.get(QUEUES.escalations).getJob(escalationJobId(alertId, 1)))!.returnvalue).toMatchObject({ outcome: 'replayed' });
    await b.stop();
  });

  it('the process dies between the check-in\'s commit and its escalation job: the reconciler queues step 1, which runs once (decision 0016)', async () => {
    const queue = server.deps.queues.get(QUEUES.escalations);
    // The one write committed; the queue add that follows it fails as if the process died there.
    const add = vi.spyOn(queue, 'add').mockRejectedValueOnce(new Error('process died after commit'));
    const since = new Date();
    const res = await ana.send('POST', '/api/checkins', { instrument: 'esas-r', answers: { ...ESAS_ZERO, nausea: 8 } });
    add.mockRestore();
    expect(res.status).toBe(500);
    const [row] = await server.deps.db.select().from(alerts).where(and(eq(alerts.patientId, ids.ana), gt(alerts.createdAt, since)));
    expect(row).toMatchObject({ status: 'open', escalationLevel: 0, severity: 'high' });
    expect(await queue.getJob(escalationJobId(row!.id, 1))).toBeUndefined();
    expect((await eventsOf(row!.id)).map((e) => e.step)).toEqual(['created']);

    await track(startW());
    expect(await reconcileEscalations(server.deps, 0)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await eventsOf(row!.id)).some((e) => e.step === 'esc1'), 8000);
    await waitFor(async () => (await (await queue.getJob(escalationJobId(row!.id, 1)))?.getState()) === 'completed');
    // Run again: the alert has left level 0, so nothing is queued for it and the step stays single.
    await reconcileEscalations(server.deps, 0);
    expect(await queue.getJobs(['waiting', 'delayed', 'active'])).not.toContainEqual(expect.objectContaining({ id: escalationJobId(row!.id, 1) }));
    expect((await eventsOf(row!.id)).filter((e) => e.step === 'esc1')).toHaveLength(1);
    expect(await escalateAudits(row!.id)).toHaveLength(1);
    expect(await alertRow(row!.id)).toMatchObject({ escalationLevel: 1, assignedTo: omar });
  });

  it('ten concurrent schedules of the same step leave one job (S14)', async () => {
    const out = await submit(ana, 'esas-r', { ...ESAS_ZERO, drowsiness: 9 });
    const alertId = out.alerts[0]!.id;
    await Promise.all(Array.from({ length: 10 }, () => scheduleStep(server.deps, alertId, 5, 60_000)));
    const delayed = await server.deps.queues.get(QUEUES.escalations).getDelayed();
    expect(delayed.filter((j) => j.id === escalationJobId(alertId, 5))).toHaveLength(1);
  });

  it('invalid escalation job data fails once, never retried (S15 poison)', async () => {
    await track(startW());
    const q = server.deps.queues.get(QUEUES.escalations);
    const job = await q.add('escalation-step', { alertId: 'not-a-uuid', step: 1 }, { jobId: `poison.${randomUUID()}` });
    await waitFor(async () => (await job.getState()) === 'failed');
    const failed = (await q.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe('invalid job data: alertId');
  });

  it('a transient error retries with backoff and the step still happens once (S15 transient)', async () => {
    const calls = new Map<string, number>();
    const flaky = defineJob({
      queue: QUEUES.escalations,
      name: 'escalation-step',
      schema: z.object({ alertId: z.uuid(), step: z.number().int() }).strict(),
      handle: async (data, _job, deps) => {
        calls.set(data.alertId, (calls.get(data.alertId) ?? 0) + 1);
        if (calls.get(data.alertId) === 1) throw new Error('database connection reset');
        return runEscalationStep(deps, data.alertId, data.step);
      },
    }) as unknown as JobDefinition<z.ZodType>;
    await track(startW({ jobs: [flaky] }));
    const out = await submit(ana, 'esas-r', { ...ESAS_ZERO, appetite: 9 });
    const alertId = out.alerts[0]!.id;
    const job = await server.deps.queues.get(QUEUES.escalations).getJob(escalationJobId(alertId, 1));
    await waitFor(async () => (await job!.getState()) === 'completed', 10_000);
    const done = (await server.deps.queues.get(QUEUES.escalations).getJob(escalationJobId(alertId, 1)))!;
    expect(calls.get(alertId)).toBe(2);
    expect(done.attemptsStarted).toBe(2);
    expect((await eventsOf(alertId)).filter((e) => e.step === 'esc1')).toHaveLength(1);
  });

  it('no PHI in escalation job data (S12)', async () => {
    const jobs = await server.deps.queues.get(QUEUES.escalations).getJobs(['delayed', 'completed', 'failed', 'waiting']);
    for (const j of jobs) expect(Object.keys(j.data).sort()).toEqual(expect.arrayContaining(['alertId']));
    expect(JSON.stringify(jobs.map((j) => j.data))).not.toMatch(/Ana|Garc|nausea|pain/i);
  });
});
