import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotificationJob, QUEUES } from '../../../src/contracts/jobs.ts';
import { deliver, enqueueNotification } from '../../../src/notifications/service.ts';
import { bullPrefix } from '../../../src/platform/queues.ts';
import { createRedis } from '../../../src/platform/redis.ts';
import { defineJob } from '../../../workers/runtime.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { mailText, startSmtpSink } from '../../support/smtp.ts';
import { startTestWorkers } from '../../support/workers.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let anaId: string;
let carlId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const users = await server.deps.db.query.users.findMany();
  anaId = users.find((u) => u.email === 'ana@demo.test')!.id;
  carlId = users.find((u) => u.email === 'carl@demo.test')!.id;
}, 120_000);
afterAll(async () => {
  await server.close();
  await smtp.close();
});

// Workers a failed assertion left running would take the next test's jobs.
const started: Array<{ stop(force?: boolean): Promise<void> }> = [];
afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((w) => w.stop(true)));
});
const track = async <T extends { stop(force?: boolean): Promise<void> }>(w: Promise<T>) => {
  const running = await w;
  started.push(running);
  return running;
};

const queue = () => server.deps.queues.get(QUEUES.notifications);
const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('notification delivery', () => {
  it('e-mails in the recipient language with a link and no health information', async () => {
    const workers = await track(startTestWorkers(server));
    const before = smtp.mails.length;
    await enqueueNotification(server.deps, 'test:lang:1', { userId: carlId, template: 'notifications.update', refs: {}, link: '/caregiver', channels: ['email'] });
    await waitFor(() => smtp.mails.length > before);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['carl@demo.test']);
    // Carl's locale is Spanish in the demo network.
    expect(mailText(mail.raw)).toContain(`${server.url}/caregiver`);
    expect(mail.raw).toContain('Subject: Novedad en Wayfinder');
    await workers.stop();
  });

  it('ten concurrent enqueues with the same job id leave one job and one e-mail (S14)', async () => {
    const workers = await track(startTestWorkers(server));
    const before = smtp.mails.length;
    const job: NotificationJob = { userId: anaId, template: 'notifications.update', refs: {}, link: '/patient', channels: ['email'] };
    await Promise.all(Array.from({ length: 10 }, () => enqueueNotification(server.deps, 'test:dup:1', job)));
    await waitFor(async () => (await queue().getJobState('test:dup:1')) === 'completed');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.length - before).toBe(1);
    await workers.stop();
  });

  it('invalid job data fails once with no retry; a transient error retries with backoff and lands in failed (S15)', async () => {
    const workers = await track(startTestWorkers(server));
    const events = new QueueEvents(QUEUES.notifications, { connection: createRedis(server.env.REDIS_URL!), prefix: bullPrefix(server.env.REDIS_PREFIX!) });
    await events.waitUntilReady();
    await queue().add('poison', { userId: 'not-a-uuid', template: 'x' }, { jobId: 'test:poison:1', attempts: 5 });
    await waitFor(async () => (await queue().getJobState('test:poison:1')) === 'failed');
    const poison = await queue().getJob('test:poison:1');
    expect(poison!.attemptsMade).toBe(1);
    expect(poison!.failedReason).toBe('invalid job data: userId, template');

    // SMTP refusing connections is transient: the job retries, then fails for good.
    await workers.stop();
    const broken = await track(startTestWorkers(server, { env: { SMTP_URL: 'smtp://127.0.0.1:9' } }));
    await queue().add('notifications.update', { userId: anaId, template: 'notifications.update', link: '/', channels: ['email'] }, { jobId: 'test:transient:1', attempts: 3, backoff: { type: 'fixed', delay: 100 } });
    await waitFor(async () => (await queue().getJobState('test:transient:1')) === 'failed', 15_000);
    const transient = await queue().getJob('test:transient:1');
    expect(transient!.attemptsMade).toBe(3);
    expect(transient!.failedReason).toMatch(/ECONNREFUSED|connect/i);
    await broken.stop();
    await events.close();
  });

  it('a worker that dies after sending and before completing: the stalled job is taken over and nothing is sent twice (S13)', async () => {
    // A fresh queue: BullMQ checks for stalled jobs at most once per stalledInterval of the last
    // worker that checked, and the earlier tests' workers used the 30 s default.
    const crashServer = await startTestServer({ SMTP_URL: smtp.url });
    const ana = (await crashServer.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'ana@demo.test') }))!;
    const before = smtp.mails.length;
    let sent!: () => void;
    const sentOnce = new Promise<void>((r) => (sent = r));
    // Worker 1 delivers, then hangs as if killed before it could mark the job complete.
    const dying = defineJob({
      queue: QUEUES.notifications,
      schema: NotificationJob,
      handle: async (data, job, deps) => {
        await deliver(deps, String(job.id), data);
        sent();
        await new Promise(() => undefined);
      },
    });
    const w1 = await track(startTestWorkers(crashServer, { jobs: [dying as never], lockDuration: 1000, stalledInterval: 500 }));
    await enqueueNotification(crashServer.deps, 'test:crash:1', { userId: ana.id, template: 'notifications.update', refs: {}, link: '/patient', channels: ['email'] });
    await sentOnce;
    await w1.stop(true);
    const w2 = await track(startTestWorkers(crashServer, { lockDuration: 1000, stalledInterval: 500 }));
    await waitFor(async () => (await crashServer.deps.queues.get(QUEUES.notifications).getJobState('test:crash:1')) === 'completed', 15_000);
    expect(smtp.mails.length - before).toBe(1);
    const rows = await crashServer.deps.db.query.notificationDeliveries.findMany({ where: (d, { like }) => like(d.jobKey, 'test:crash:1:%') });
    expect(rows.map((r) => r.status)).toEqual(['sent']);
    await w2.stop();
    await crashServer.close();
  }, 90_000);
});
