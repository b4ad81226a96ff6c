// Reminders benchmark (issue #5): 100,000 scheduled reminders through our path (deterministic job ids,
// ids-only payload, the production queue options, the worker runtime's schema check and lateness
// metric) beside 100,000 bare BullMQ delayed jobs, in the same run, same Redis, due over the same
// window. Reports lateness (fired minus due) p50/p99/max and Redis memory per scheduled reminder.
//   npm run bench -- reminders     (BENCH_N, BENCH_WINDOW_S, BENCH_LEAD_S, BENCH_CONCURRENCY)
// The database side of a send (the reminder row check, delivery rows) is not in the timing: this
// measures the scheduler, which is what decides lateness.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import { reminderJobId } from '../src/appointments/reminder-plan.ts';
import { reminderJobOptions } from '../src/appointments/service.ts';
import { QUEUES } from '../src/contracts/jobs.ts';
import { bullPrefix, Queues } from '../src/platform/queues.ts';
import { createRedis, keyer } from '../src/platform/redis.ts';
import { ReminderJob } from '../workers/reminders.ts';
import { defineJob, processorFor, type WorkerDeps } from '../workers/runtime.ts';
import { benchRedis } from './redis.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 120);
const LEAD_S = Number(process.env.BENCH_LEAD_S ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BATCH = 1000;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { count: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.at(-1) ?? NaN, mean: Math.round((s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) * 10) / 10 };
};

const redisInfo = async (url: string) => {
  const r = createRedis(url);
  const info = await r.info('memory');
  const server = await r.info('server');
  const hz = (await r.config('GET', 'hz')) as string[];
  await r.quit();
  return { usedMemory: Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0), version: /redis_version:(\S+)/.exec(server)?.[1] ?? '?', hz: Number(hz[1] ?? 0) };
};

async function main() {
  const loadAverageAtStart = loadavg().map((x) => Math.round(x * 10) / 10);
  const redis = await benchRedis();
  const started = Date.now();
  const t0 = started + LEAD_S * 1000;
  // Due times: evenly over the window, the same schedule for both variants.
  const dueAt = (i: number) => t0 + Math.floor((i * WINDOW_S * 1000) / N);
  const conn = createRedis(redis.url);
  const prefix = `bench${Date.now().toString(36)}`;
  const before = await redisInfo(redis.url);

  // --- bare BullMQ: auto ids, empty payload, delay only.
  const bareQueue = new Queue('bare', { connection: conn, prefix: `${prefix}bare` });
  for (let i = 0; i < N; i += BATCH) {
    const now = Date.now();
    await bareQueue.addBulk(Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => ({ name: 'x', data: {}, opts: { delay: Math.max(0, dueAt(i + k) - now) } })));
  }
  const afterBare = await redisInfo(redis.url);
  const bareAddS = (Date.now() - started) / 1000;

  // --- ours: the production producer path.
  const queues = new Queues(conn, prefix);
  const ours = queues.get(QUEUES.reminders);
  const appointmentIds = Array.from({ length: Math.ceil(N / 6) }, () => randomUUID());
  const userIds = [randomUUID(), randomUUID()];
  const oursStarted = Date.now();
  for (let i = 0; i < N; i += BATCH) {
    const now = Date.now();
    await ours.addBulk(
      Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
        const n = i + k;
        const appointmentId = appointmentIds[Math.floor(n / 6)]!;
        const userId = userIds[n % 2]!;
        const offsetMinutes = [4320, 1440, 120][Math.floor(n / 2) % 3]!;
        return { name: 'reminder', data: { appointmentId, userId, offsetMinutes, version: 1 }, opts: reminderJobOptions(reminderJobId(appointmentId, offsetMinutes, userId, 1), new Date(dueAt(n)), now) };
      }),
    );
  }
  const afterOurs = await redisInfo(redis.url);
  const oursAddS = (Date.now() - oursStarted) / 1000;
  const addedBy = Date.now();
  if (addedBy > t0) console.warn(`adding took ${(addedBy - started) / 1000}s, longer than the ${LEAD_S}s lead: early jobs are late by construction; raise BENCH_LEAD_S`);

  // --- consume both at once.
  const late = { bare: [] as number[], ours: [] as number[] };
  const done = { bare: 0, ours: 0 };
  const finishers: Array<() => Promise<void>> = [];
  // BullMQ leaves connections it was handed open: keep them to quit at the end.
  const workerConns = [createRedis(redis.url), createRedis(redis.url)];
  const finished = new Promise<void>((resolve) => {
    const check = () => done.bare >= N && done.ours >= N && resolve();
    const bareWorker = new Worker(
      'bare',
      async (job: Job) => {
        late.bare.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
      },
      { connection: workerConns[0]!, prefix: `${prefix}bare`, concurrency: CONCURRENCY },
    );
    const deps = { redis: conn, key: keyer(prefix) } as unknown as WorkerDeps;
    const def = defineJob({ queue: QUEUES.reminders, name: 'reminder', schema: ReminderJob, handle: async () => undefined });
    const processor = processorFor(def, deps);
    const oursWorker = new Worker(
      QUEUES.reminders,
      async (job: Job, token?: string) => {
        late.ours.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
        return processor(job, token);
      },
      { connection: workerConns[1]!, prefix: bullPrefix(prefix), concurrency: CONCURRENCY },
    );
    bareWorker.on('completed', () => (done.bare++, check()));
    oursWorker.on('completed', () => (done.ours++, check()));
    finishers.push(() => bareWorker.close(), () => oursWorker.close());
  });
  const progress = setInterval(() => console.log(`fired: bare ${done.bare}/${N}, ours ${done.ours}/${N}`), 10_000);
  await finished;
  clearInterval(progress);
  await Promise.all(finishers.map((f) => f()));
  await bareQueue.close();
  await queues.close();
  await conn.quit();
  await Promise.all(workerConns.map((c) => c.quit()));
  await redis.stop();

  const result = {
    benchmark: 'reminders',
    issue: 5,
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 10) / 10), loadAverageAtStart, model: cpus()[0]?.model ?? '?', node: process.version, redis: before.version, redisHz: before.hz },
    load: { reminders: N, dueWindowSeconds: WINDOW_S, workerConcurrency: CONCURRENCY, addSeconds: { bare: bareAddS, ours: oursAddS } },
    latenessMs: { ours: stats(late.ours), bareBullmq: stats(late.bare) },
    redisBytesPerReminder: { ours: Math.round((afterOurs.usedMemory - afterBare.usedMemory) / N), bareBullmq: Math.round((afterBare.usedMemory - before.usedMemory) / N) },
    notes: [
      'ours = production producer path: deterministic job id reminder-<appointment>-<offset>m-<user>-v<version>, ids-only payload, DEFAULT_JOB_OPTIONS (attempts 5, backoff) + removeOnComplete 7 days; consumer = workers/runtime processorFor (zod check + Redis lateness histogram).',
      'bare = Queue.add(name, {}, { delay }) with auto ids and no options.',
      'Both consumed at once by one worker each (same concurrency) on the same Redis; lateness = worker start time minus (job timestamp + delay).',
      'The DB side of a send (reminder row check, delivery rows, SMTP) is not timed here.',
    ],
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/reminders.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
