// Alerts benchmark (issue #4): from a patient's check-in submit (POST /api/checkins) to the navigator's
// `alert:new` socket event, p50/p99 at a steady 50 check-ins per second through the real server
// (validate, score, compare with the previous report, persist in PGlite, audit, raise the alert,
// schedule its escalation in BullMQ, push through the socket.io Redis adapter), beside a bare
// socket.io round trip (client -> server -> another client's room, Redis adapter and in-memory)
// measured in the same run at the same rate.
//   npm run bench -- alerts     (BENCH_RATE check-ins/s, default 50; BENCH_SECONDS, default 20;
//   BENCH_PATIENTS, default 100; BENCH_DATABASE_URL=postgres://... to use PostgreSQL; BENCH_WORKERS=inline
//   runs the queue workers and the audit sealer in the server process, as `npm start` does with PGlite;
//   BENCH_WARMUP_SECONDS, default 5, sent first at the same rate and reported apart as the cold start)
// The server's statements and transactions per check-in (bench/db-probe.ts) are reported beside the latencies.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import { careTeamMembers, patients, users } from '../src/people/tables.ts';
import { createRedis } from '../src/platform/redis.ts';
import { SESSION_COOKIE } from '../src/platform/session.ts';
import { JOBS } from '../workers/jobs.ts';
import { closeWorkerDeps, createWorkerDeps, startWorkers } from '../workers/runtime.ts';
import { installDbProbe, perUnit } from './db-probe.ts';
import { profiled } from './profile.ts';
import { writeLabelledRun } from './results-file.ts';
import { startBenchServer } from './server.ts';
import { benchRedis } from './redis.ts';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100);
// The first seconds after a start are a cold start (JIT, connection pool, every patient's first cache fill):
// they run at the same rate but are reported apart, as `coldStart`, so the steady figures are not a start-up's.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const WARMUP = Math.max(20, Math.round(RATE * WARMUP_SECONDS));
const WORKERS = process.env.BENCH_WORKERS === 'inline';
const probe = installDbProbe();

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { count: s.length, p50: round(pct(s, 50)), p90: round(pct(s, 90)), p99: round(pct(s, 99)), max: round(s.at(-1) ?? NaN), mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)) };
}
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

function connect(url: string, cookie?: string): Promise<Socket> {
  const s = ioClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(cookie ? { extraHeaders: { cookie } } : {}) });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

const ESAS = { pain: 1, tiredness: 2, drowsiness: 1, nausea: 8, appetite: 2, shortness_of_breath: 0, depression: 1, anxiety: 2, wellbeing: 3 };

async function measureAlerts(redisUrl: string) {
  const server = await startBenchServer(redisUrl);
  const { deps } = server;
  const workers = WORKERS ? await startWorkers(await createWorkerDeps(process.env, { config: deps.config, database: deps.database }), JOBS) : undefined;
  try {
    const all = await deps.db.query.users.findMany();
    const nora = all.find((u) => u.email === 'nora@demo.test')!;
    const orgId = nora.orgId;
    // A caseload of PATIENTS patients on Nora's care team, each with a session.
    const ids = Array.from({ length: PATIENTS }, () => randomUUID());
    await deps.db.insert(users).values(ids.map((id, i) => ({ id, orgId, email: `bench-${i}-${id.slice(0, 6)}@bench.test`, name: `Bench Patient ${i}`, role: 'patient' as const })));
    await deps.db.insert(patients).values(ids.map((id) => ({ userId: id, navigatorId: nora.id })));
    await deps.db.insert(careTeamMembers).values(ids.map((id) => ({ patientId: id, userId: nora.id, role: 'navigator' as const })));
    const cookies = await Promise.all(ids.map(async (id) => `${SESSION_COOKIE}=${(await deps.sessions.create({ id, role: 'patient', orgId })).token}`));
    const navCookie = `${SESSION_COOKIE}=${(await deps.sessions.create({ id: nora.id, role: 'navigator', orgId })).token}`;
    // The load generator runs in its own process, so its timers do not wait behind the server's work.
    const config = { url: server.url, ids, cookies, navCookie, rate: RATE, seconds: SECONDS };
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_ALERTS_GENERATOR: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const before = probe.snapshot();
    const code = await profiled(() => new Promise<number | null>((r) => child.once('exit', r)));
    if (code !== 0) throw new Error(`generator exited with ${code}`);
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    // Worker jobs a check-in triggers (task events) may still run: give them a moment to be counted.
    if (workers) await new Promise((r) => setTimeout(r, 2000));
    return { ...result, workers: WORKERS ? 'inline' : 'none', databasePerCheckin: perUnit(before, probe.snapshot(), WARMUP + RATE * SECONDS) };
  } finally {
    if (workers) {
      await workers.close();
      await closeWorkerDeps(workers.deps, { keepDatabase: true });
    }
    await server.close();
  }
}

/** Bare socket.io: client A emits, the server emits to client B's room; latency A-emit -> B-receive. */
async function measureBare(redisUrl: string | undefined) {
  const httpServer = createServer();
  const pub = redisUrl ? createRedis(redisUrl) : undefined;
  const sub = pub?.duplicate();
  const io = new Server(httpServer, { serveClient: false, ...(pub && sub ? { adapter: createAdapter(pub, sub, { key: `benchbare${randomBytes(3).toString('hex')}` }) } : {}) });
  io.on('connection', (socket) => {
    void socket.join(`user:${String(socket.handshake.query.user)}`);
    socket.on('ping-to', (p: { to: string; n: number }) => io.to(`user:${p.to}`).emit('pong', { n: p.n }));
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const a = ioClient(url, { transports: ['websocket'], forceNew: true, query: { user: 'a' } });
  const b = ioClient(url, { transports: ['websocket'], forceNew: true, query: { user: 'b' } });
  await Promise.all([a, b].map((s) => new Promise<void>((r) => s.once('connect', () => r()))));
  await new Promise((r) => setTimeout(r, 100));
  const sent = new Map<number, number>();
  const lat: number[] = [];
  b.on('pong', (p: { n: number }) => {
    const t = sent.get(p.n);
    if (t !== undefined && p.n >= WARMUP) lat.push(performance.now() - t);
  });
  const total = WARMUP + RATE * SECONDS;
  const start = performance.now() + 100;
  for (let n = 0; n < total; n++) {
    await sleepUntil(start + (n * 1000) / RATE);
    sent.set(n, performance.now());
    a.emit('ping-to', { to: 'b', n });
  }
  await new Promise((r) => setTimeout(r, 500));
  a.close();
  b.close();
  await new Promise<void>((r) => io.close(() => r()));
  await Promise.allSettled([pub?.quit(), sub?.quit()]);
  return stats(lat);
}

/** The generator process: submits at a fixed rate (open loop) and listens as the navigator. */
async function generate(config: { url: string; ids: string[]; cookies: string[]; navCookie: string; rate: number; seconds: number }) {
  const navigator = await connect(config.url, config.navCookie);
  // Per patient, the scheduled and actual send times of submits whose alert has not arrived yet (FIFO).
  const pending = new Map<string, Array<{ scheduled: number; sent: number; i: number }>>();
  const fromScheduled: number[] = [];
  const fromSent: number[] = [];
  const http: number[] = [];
  const coldFromScheduled: number[] = [];
  let received = 0;
  let errors = 0;
  navigator.on('alert:new', (a: { patientId: string }) => {
    const t = performance.now();
    const s = pending.get(a.patientId)?.shift();
    received++;
    if (s && s.i >= WARMUP) {
      fromScheduled.push(t - s.scheduled);
      fromSent.push(t - s.sent);
    } else if (s) coldFromScheduled.push(t - s.scheduled);
  });
  const total = WARMUP + config.rate * config.seconds;
  const start = performance.now() + 200;
  const inflight: Array<Promise<void>> = [];
  let late = 0;
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / config.rate;
    await sleepUntil(scheduled);
    const p = i % config.ids.length;
    const patientId = config.ids[p]!;
    inflight.push(
      (async () => {
        const sent = performance.now();
        if (sent - scheduled > 10) late++;
        (pending.get(patientId) ?? pending.set(patientId, []).get(patientId)!).push({ scheduled, sent, i });
        // A submit the server could not even accept in time (connect timeout) counts as an error, not a crash.
        const res = await fetch(`${config.url}/api/checkins`, { method: 'POST', headers: { cookie: config.cookies[p]!, 'content-type': 'application/json' }, body: JSON.stringify({ instrument: 'esas-r', answers: ESAS }) }).catch(() => null);
        await res?.arrayBuffer();
        if (res?.status !== 201) errors++;
        else if (i >= WARMUP) http.push(performance.now() - sent);
      })(),
    );
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(inflight);
  const end = performance.now() + 10_000;
  while (received < total && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  navigator.close();
  return {
    checkins: total - WARMUP,
    targetRate: config.rate,
    sentRate: round(total / sendSeconds),
    sendsLateOver10ms: late,
    errors,
    alertsReceived: received,
    // From the scheduled send time: includes any queueing in the generator (no coordinated omission).
    submitToAlertNewMs: stats(fromScheduled),
    submitToAlertNewFromActualSendMs: stats(fromSent),
    httpResponseMs: stats(http),
    coldStart: { seconds: WARMUP_SECONDS, submitToAlertNewMs: stats(coldFromScheduled) },
  };
}

if (process.env.BENCH_ALERTS_GENERATOR) {
  const result = await generate(JSON.parse(process.env.BENCH_ALERTS_GENERATOR) as Parameters<typeof generate>[0]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const redis = await benchRedis();
try {
  console.log(`alerts bench: ${RATE} check-ins/s for ${SECONDS} s over ${PATIENTS} patients, one navigator socket`);
  const baselineRedis = await measureBare(redis.url);
  const baselineMemory = await measureBare(undefined);
  const alerts = await measureAlerts(redis.url);
  const run = {
    at: new Date().toISOString(),
    loadAverage1m: round(loadavg()[0]!),
    database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'pglite (in memory, in its own process)',
    load: { ratePerSecond: RATE, seconds: SECONDS, patients: PATIENTS, warmup: WARMUP, warmupSeconds: WARMUP_SECONDS, instrument: 'esas-r (nausea 8: one high alert per check-in)' },
    alerts,
    baseline: { bareSocketIoRoundTripMs: { redisAdapter: baselineRedis, inMemory: baselineMemory } },
  };
  writeLabelledRun('alerts', { bench: 'alerts', machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version } }, run);
  console.log(JSON.stringify(run, null, 2));
} finally {
  await redis.stop();
}
process.exit(0);
