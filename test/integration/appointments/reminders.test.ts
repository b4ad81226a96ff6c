import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncReminderJobs } from '../../../src/appointments/service.ts';
import { HttpSmsGateway } from '../../../src/appointments/sms.ts';
import { appointmentReminders, reminderDeliveries } from '../../../src/appointments/tables.ts';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { updatePrefs } from '../../../src/people/service.ts';
import { makeReminderJob } from '../../../workers/reminders.ts';
import type { JobDefinition } from '../../../workers/runtime.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { mailText, startSmtpSink } from '../../support/smtp.ts';
import { startTestWorkers } from '../../support/workers.ts';
import { startSmsGateway } from './sms-gateway.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};
const emails: Record<string, string> = {};
const OFFSET = 120;

beforeAll(async () => {
  [smtp, gateway] = await Promise.all([startSmtpSink(), startSmsGateway()]);
  server = await startTestServer({ SMTP_URL: smtp.url });
  for (const name of ['ana', 'carl', 'nora', 'admin']) {
    as[name] = await login(server.url, `${name}@demo.test`);
    ids[name] = as[name].me.id;
    emails[name] = `${name}@demo.test`;
  }
  // One reminder, 2 h before, no quiet hours: tests book appointments 2 h + a few seconds ahead.
  const settings = await as.admin!.send('PUT', '/api/scheduling/reminder-settings', { offsetsMinutes: [OFFSET], quietStart: '00:00', quietEnd: '00:00' });
  expect(settings.status).toBe(200);
  expect((await as.carl!.send('PUT', '/api/reminders/preferences', { email: true, inapp: true, sms: true, phone: '+34600111222' })).status).toBe(200);
  // Ana reads English in New York; Carl reads Spanish in Madrid.
  await updatePrefs(server.deps, ids.ana!, { timezone: 'America/New_York' });
}, 120_000);

afterAll(async () => {
  await gateway.close();
  await smtp.close();
  await server.close();
});

const reminderJob = () => makeReminderJob({ sms: new HttpSmsGateway(gateway.url) }) as unknown as JobDefinition<never>;

/** Books an appointment whose 2 h reminder is due `dueInMs` from now. */
async function book(dueInMs: number) {
  const start = Date.now() + OFFSET * 60_000 + dueInMs;
  const res = await as.nora!.send('POST', '/api/appointments', {
    patientId: ids.ana,
    kind: 'video',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3600_000).toISOString(),
    participantIds: [ids.carl],
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; startsAt: string };
}

async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const rowsOf = (appointmentId: string) => server.deps.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, appointmentId));
const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

describe('reminders are sent on time, once, in the recipient’s language and time zone', () => {
  test('in-app, e-mail and SMS: one each per recipient, at the due time', async () => {
    const workers = await startTestWorkers(server, { jobs: [reminderJob()] });
    try {
      const before = { ana: mailsTo(emails.ana!).length, carl: mailsTo(emails.carl!).length, sms: gateway.requests.length };
      const a = await book(1500);
      const rows = await rowsOf(a.id);
      expect(rows).toHaveLength(2);
      await until(async () => (await rowsOf(a.id)).every((r) => r.status === 'sent'));
      for (const r of await rowsOf(a.id)) expect(r.sentAt!.getTime()).toBeGreaterThanOrEqual(r.dueAt.getTime());

      const anaMail = mailsTo(emails.ana!).slice(before.ana);
      const carlMail = mailsTo(emails.carl!).slice(before.carl);
      expect([anaMail.length, carlMail.length]).toEqual([1, 1]);
      const start = new Date(a.startsAt);
      // The time as each recipient's clock shows it, in their language.
      const nyTime = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'America/New_York' }).format(start);
      const madridTime = new Intl.DateTimeFormat('es', { timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(start);
      expect(mailText(anaMail[0]!.raw)).toContain(`${nyTime} (America/New_York)`);
      expect(mailText(carlMail[0]!.raw)).toContain(`${madridTime} (Europe/Madrid)`);
      expect(mailText(carlMail[0]!.raw)).toContain('Le recordamos su cita');

      const sms = gateway.requests.slice(before.sms);
      expect(sms).toHaveLength(1);
      expect(sms[0]).toMatchObject({ to: '+34600111222' });
      expect(sms[0]!.text).toContain('Recordatorio de Wayfinder');
      const inapp = await server.deps.db
        .select()
        .from(inappNotifications)
        .where(and(eq(inappNotifications.template, 'appointments.reminder'), sql`${inappNotifications.refs}->>'appointmentId' = ${a.id}`));
      expect(inapp.map((n) => n.userId).sort()).toEqual([ids.ana, ids.carl].sort());
    } finally {
      await workers.stop();
    }
  });

  test('rescheduled: nothing goes out for the old time, even if the old job survived in the queue; cancelled: nothing at all', async () => {
    const queue = server.deps.queues.get(QUEUES.reminders);
    const moved = await book(3000);
    const cancelled = await book(3000);
    const oldRows = await rowsOf(moved.id);
    const later = Date.now() + 5 * 86_400_000;
    expect((await as.nora!.send('PATCH', `/api/appointments/${moved.id}`, { startsAt: new Date(later).toISOString(), endsAt: new Date(later + 3600_000).toISOString() })).status).toBe(200);
    expect((await as.nora!.send('DELETE', `/api/appointments/${cancelled.id}`)).status).toBe(204);
    // Ten concurrent re-syncs (duplicate submits) leave one job per pending reminder.
    const delayedBefore = await queue.getDelayedCount();
    await Promise.all(Array.from({ length: 10 }, () => syncReminderJobs(server.deps, moved.id)));
    expect(await queue.getDelayedCount()).toBe(delayedBefore);
    // As if removing the old job had failed: put one back, due now. The row decides, not the queue.
    const stale = oldRows[0]!;
    await queue.add('reminder', { appointmentId: moved.id, userId: stale.userId, offsetMinutes: OFFSET, version: 1 }, { jobId: stale.jobId });

    const mailsBefore = smtp.mails.length;
    const workers = await startTestWorkers(server, { jobs: [reminderJob()] });
    try {
      await until(async () => (await queue.getJob(stale.jobId))?.finishedOn);
      await new Promise((r) => setTimeout(r, 3500)); // past the original due time of both
      expect(smtp.mails.length).toBe(mailsBefore);
      const all = [...(await rowsOf(moved.id)), ...(await rowsOf(cancelled.id))];
      expect(all.filter((r) => r.version === 1 || r.appointmentId === cancelled.id).map((r) => r.status)).toEqual(Array(4).fill('cancelled'));
      expect(all.filter((r) => r.appointmentId === moved.id && r.version === 2).map((r) => r.status)).toEqual(['pending', 'pending']);
      const deliveries = await server.deps.db.select().from(reminderDeliveries).where(sql`${reminderDeliveries.jobId} like ${`reminder-${moved.id}%`} or ${reminderDeliveries.jobId} like ${`reminder-${cancelled.id}%`}`);
      expect(deliveries).toEqual([]);
    } finally {
      await workers.stop();
    }
  });

  test('a worker killed mid-send: a second worker takes the stalled job and each channel is delivered exactly once (S13)', async () => {
    const mailsBefore = { ana: mailsTo(emails.ana!).length, carl: mailsTo(emails.carl!).length };
    const smsBefore = gateway.requests.length;
    // The first worker's SMS client waits long for an answer: its send stays in flight, as in a killed process.
    const stuck = makeReminderJob({ sms: new HttpSmsGateway(gateway.url, { timeoutMs: 120_000 }) }) as unknown as JobDefinition<never>;
    const first = await startTestWorkers(server, { jobs: [stuck], lockDuration: 1500, stalledInterval: 500 });
    gateway.holdNextRequest(); // Carl's SMS reaches the gateway, the answer never comes back
    const sent = gateway.nextRequest();
    const a = await book(1000);
    await sent;
    await first.stop(true); // the crash: no completion, no lock renewal
    const carlJob = (await rowsOf(a.id)).find((r) => r.userId === ids.carl)!;
    expect(carlJob.status).toBe('pending');

    const second = await startTestWorkers(server, { jobs: [reminderJob()], lockDuration: 1500, stalledInterval: 500 });
    try {
      await until(async () => (await rowsOf(a.id)).every((r) => r.status === 'sent'), 30_000);
      // Taken over through BullMQ's stalled-job check, not through a failure and retry.
      const job = await server.deps.queues.get(QUEUES.reminders).getJob(carlJob.jobId);
      expect([job?.stalledCounter, job?.attemptsMade]).toEqual([1, 1]);
      expect(mailsTo(emails.carl!).length - mailsBefore.carl).toBe(1);
      expect(mailsTo(emails.ana!).length - mailsBefore.ana).toBe(1);
      // The gateway saw the SMS twice with one idempotency key, and delivered it once.
      const attempts = gateway.requests.slice(smsBefore);
      expect(attempts).toHaveLength(2);
      expect(new Set(attempts.map((r) => r.key)).size).toBe(1);
      expect([...gateway.delivered.keys()].filter((k) => k === attempts[0]!.key)).toHaveLength(1);
      const inapp = await server.deps.db
        .select()
        .from(inappNotifications)
        .where(and(eq(inappNotifications.userId, ids.carl!), sql`${inappNotifications.refs}->>'appointmentId' = ${a.id}`));
      expect(inapp).toHaveLength(1);
      const deliveries = await server.deps.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.jobId, carlJob.jobId));
      expect(deliveries.map((d) => `${d.channel}:${d.status}`).sort()).toEqual(['email:sent', 'inapp:sent', 'sms:sent']);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
