import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { appointmentReminders } from '../../../src/appointments/tables.ts';
import { QUEUES, type QueueName } from '../../../src/contracts/jobs.ts';
import { enqueueNotification } from '../../../src/notifications/service.ts';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { updatePrefs } from '../../../src/people/service.ts';
import { bullPrefix } from '../../../src/platform/queues.ts';
import { notificationsJob } from '../../../workers/notifications.ts';
import { remindersJob } from '../../../workers/reminders.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startSmtpSink } from '../../support/smtp.ts';
import { startTestWorkers } from '../../support/workers.ts';

/**
 * A person's quiet hours hold non-urgent e-mail to their end, on the person's own clock, through real
 * BullMQ workers and Redis. The clock: only `Date` is faked (it keeps running), so BullMQ, which times
 * delayed jobs by the client's Date.now(), sees 23:00 and then 07:00 without anybody sleeping 8 hours.
 */
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const users = await server.deps.db.query.users.findMany();
  for (const name of ['ana', 'nora', 'admin']) ids[name] = users.find((u) => u.email === `${name}@demo.test`)!.id;
  // Ana and Nora live in Madrid (CET/CEST) and keep 22:00-07:00 quiet.
  for (const name of ['ana', 'nora']) await updatePrefs(server.deps, ids[name]!, { timezone: 'Europe/Madrid' });
}, 120_000);

afterAll(async () => {
  await server.close();
  await smtp.close();
});

let stopWorkers: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopWorkers?.();
  stopWorkers = undefined;
  vi.useRealTimers();
});

/** Moves the (running) clock; sessions are opened after, so no idle timeout sees the jump. */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: new Date(iso) });
}

async function as(name: string): Promise<Client> {
  const c = await login(server.url, `${name}@demo.test`);
  if (name !== 'admin') expect((await c.send('PUT', '/api/me/quiet-hours', { start: '22:00', end: '07:00' })).status).toBe(200);
  return c;
}

async function startWorkers(jobs: typeof remindersJob[]) {
  const w = await startTestWorkers(server, { jobs });
  stopWorkers = () => w.stop(true);
}

/** When BullMQ will next run a delayed job (its delayed-set score encodes the timestamp), or null. */
async function delayedUntil(queue: QueueName, jobId: string): Promise<Date | null> {
  const score = await server.deps.redis.zscore(`${bullPrefix(server.deps.config.redisPrefix)}:${queue}:delayed`, jobId);
  return score === null ? null : new Date(Math.floor(Number(score) / 0x1000));
}

const mailsTo = (email: string, subject: string) => smtp.mails.filter((m) => m.to.includes(email) && m.raw.includes(`Subject: ${subject}`));
const inappFor = async (userId: string, template: string) =>
  (await server.deps.db.select().from(inappNotifications).where(eq(inappNotifications.userId, userId))).filter((n) => n.template === template);

/** Books Ana's appointment with a single 24 h reminder and no organization quiet hours: her own decide. */
async function bookForAna(startsAtIso: string) {
  const admin = await as('admin');
  expect((await admin.send('PUT', '/api/scheduling/reminder-settings', { offsetsMinutes: [1440], quietStart: '00:00', quietEnd: '00:00' })).status).toBe(200);
  const nora = await login(server.url, 'nora@demo.test');
  const start = new Date(startsAtIso).getTime();
  const res = await nora.send('POST', '/api/appointments', { patientId: ids.ana, kind: 'video', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString(), participantIds: [] });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const rows = await server.deps.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, id));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const reminderRow = async (jobId: string) => (await server.deps.db.select().from(appointmentReminders).where(eq(appointmentReminders.jobId, jobId)))[0]!;

/**
 * The 24 h reminder of a 23:00 appointment is due at 23:00 the evening before, inside 22:00-07:00: the
 * in-app notice goes at once, the e-mail waits for 07:00 on Ana's clock and then goes exactly once.
 */
async function reminderHeldUntilSeven(dueEveningIso: string, appointmentIso: string, sevenLocalIso: string) {
  clockAt(new Date(new Date(dueEveningIso).getTime() - 8000).toISOString());
  await as('ana');
  const row = await bookForAna(appointmentIso);
  expect(row.dueAt.toISOString()).toBe(new Date(dueEveningIso).toISOString());
  const subject = 'Reminder: your appointment';
  const mailsBefore = mailsTo('ana@demo.test', subject).length;
  const inappBefore = (await inappFor(ids.ana!, 'appointments.reminder')).length;
  await startWorkers([remindersJob]);

  await vi.waitFor(async () => expect(await delayedUntil(QUEUES.reminders, row.jobId)).toEqual(new Date(sevenLocalIso)), { timeout: 30_000, interval: 100 });
  expect((await inappFor(ids.ana!, 'appointments.reminder')).length).toBe(inappBefore + 1);
  expect(mailsTo('ana@demo.test', subject).length).toBe(mailsBefore);
  expect((await reminderRow(row.jobId)).status).toBe('pending');

  vi.setSystemTime(new Date(sevenLocalIso));
  await vi.waitFor(async () => expect((await reminderRow(row.jobId)).status).toBe('sent'), { timeout: 30_000, interval: 100 });
  expect((await reminderRow(row.jobId)).sentAt!.getTime()).toBeGreaterThanOrEqual(new Date(sevenLocalIso).getTime());
  expect(mailsTo('ana@demo.test', subject).length).toBe(mailsBefore + 1);
  expect((await inappFor(ids.ana!, 'appointments.reminder')).length).toBe(inappBefore + 1);
  expect(await server.deps.queues.get(QUEUES.reminders).getJobState(row.jobId)).toBe('completed');
}

describe('quiet hours hold non-urgent e-mail to their end, on the recipient’s clock', () => {
  test('an appointment reminder due at 23:00 (CET) is e-mailed at 07:00 the next morning', async () => {
    // 23:00 CET = 22:00Z; 07:00 CET = 06:00Z, 8 hours later.
    await reminderHeldUntilSeven('2027-01-14T22:00:00Z', '2027-01-15T22:00:00Z', '2027-01-15T06:00:00Z');
  }, 90_000);

  test('across the spring-forward night, 07:00 is 07:00 CEST: 7 elapsed hours, not 8', async () => {
    // Europe moves 02:00 -> 03:00 on Sunday 28 March 2027. 23:00 CET Saturday = 22:00Z; 07:00 CEST Sunday = 05:00Z.
    await reminderHeldUntilSeven('2027-03-27T22:00:00Z', '2027-03-28T21:00:00Z', '2027-03-28T05:00:00Z');
  }, 90_000);

  test('a check-in reminder is held the same way; an urgent alert to a navigator in her quiet hours goes at once', async () => {
    // 23:30 CEST on 10 April 2027 = 21:30Z; the quiet period ends 07:00 CEST on the 11th = 05:00Z.
    clockAt('2027-04-10T21:30:00Z');
    await Promise.all([as('ana'), as('nora')]);
    // Notifications left over from the bookings above are not this test's.
    await server.deps.queues.get(QUEUES.notifications).drain(true);
    const before = { ana: mailsTo('ana@demo.test', 'Reminder: your check-in').length, nora: mailsTo('nora@demo.test', 'Urgent alert in Wayfinder').length, inapp: (await inappFor(ids.ana!, 'checkins.reminder')).length };
    await startWorkers([notificationsJob]);
    await enqueueNotification(server.deps, 'quiet-checkin-reminder', { userId: ids.ana!, template: 'checkins.reminder', refs: {}, link: '/patient/checkin', channels: ['inapp', 'email'] });
    await enqueueNotification(server.deps, 'quiet-urgent-alert', { userId: ids.nora!, template: 'checkins.alertUrgent', refs: {}, link: '/navigator/alerts', channels: ['email'], urgent: true });

    await vi.waitFor(() => expect(mailsTo('nora@demo.test', 'Urgent alert in Wayfinder').length).toBe(before.nora + 1), { timeout: 30_000, interval: 100 });
    await vi.waitFor(async () => expect(await delayedUntil(QUEUES.notifications, 'quiet-checkin-reminder')).toEqual(new Date('2027-04-11T05:00:00Z')), { timeout: 30_000, interval: 100 });
    expect((await inappFor(ids.ana!, 'checkins.reminder')).length).toBe(before.inapp + 1);
    expect(mailsTo('ana@demo.test', 'Reminder: your check-in').length).toBe(before.ana);

    vi.setSystemTime(new Date('2027-04-11T05:00:00Z'));
    const queue = server.deps.queues.get(QUEUES.notifications);
    await vi.waitFor(async () => expect(await queue.getJobState('quiet-checkin-reminder')).toBe('completed'), { timeout: 30_000, interval: 100 });
    expect(mailsTo('ana@demo.test', 'Reminder: your check-in').length).toBe(before.ana + 1);
    expect((await inappFor(ids.ana!, 'checkins.reminder')).length).toBe(before.inapp + 1);
    expect(mailsTo('nora@demo.test', 'Urgent alert in Wayfinder').length).toBe(before.nora + 1);
  }, 90_000);
});
