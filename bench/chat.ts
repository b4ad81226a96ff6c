// Chat benchmark (issue #3): 2,000 concurrent authenticated sockets over many care-team threads;
// send-to-receive latency (p50/p99) and messages per second through the real server (persist in
// PGlite, audit, ack, deliver through the socket.io Redis adapter), beside a bare socket.io broadcast
// baseline measured in the same run on the same machine (in-memory adapter, and Redis adapter).
//   npm run bench -- chat          (BENCH_SOCKETS, BENCH_MESSAGES, BENCH_CONCURRENCY to change the load;
//   BENCH_MODE=open BENCH_RATE=200 for an open loop at a fixed rate, results in chat-open*.json;
//   BENCH_WARMUP messages, default 1000, are sent first and reported apart from the measured ones;
//   BENCH_DATABASE_URL=postgres://.../db, an admin URL, to measure against a fresh PostgreSQL database that
//   the bench makes and drops, instead of in-memory PGlite; BENCH_LABEL names the run in the result file)
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAdapter } from '@socket.io/redis-adapter';
import { sql } from 'drizzle-orm';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import { insertNextMessage } from '../src/messaging/repo.ts';
import { ensureCareTeamThread } from '../src/messaging/service.ts';
import { auditRow } from '../src/platform/audit/audit.ts';
import type { Deps } from '../src/platform/context.ts';
import { caregiverGrants, careTeamMembers, patients, users } from '../src/people/tables.ts';
import { createRedis } from '../src/platform/redis.ts';
import { SESSION_COOKIE } from '../src/platform/session.ts';
import { installDbProbe, perUnit } from './db-probe.ts';
import { freshPostgres } from './postgres.ts';
import { profiled } from './profile.ts';
import { startBenchServer } from './server.ts';
import { benchRedis } from './redis.ts';
import { writeLabelledRun } from './results-file.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 2000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 6000);
/**
 * Sent before the measured messages, the same way: they pay for the JIT compiling the send path, the pool's
 * first connections and every thread's first access decision, which a server running for more than a few
 * seconds has long paid. Their figures are reported as `warmUp`, so the cold start stays visible.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** BENCH_MODE=open: send at BENCH_RATE messages/s (default 200) instead of CONCURRENCY in flight. */
const RATE = process.env.BENCH_MODE === 'open' ? Number(process.env.BENCH_RATE ?? 200) : 0;
const PER_NAVIGATOR = 25;

// Topology: one care-team thread per patient; the patient and one caregiver each on two devices
// (4 sockets per thread), one navigator socket per 25 threads.
const THREADS = Math.floor(SOCKETS / 4);
const NAVIGATORS = Math.ceil(THREADS / PER_NAVIGATOR);

interface Stats {
  sockets: number;
  messages: number;
  deliveries: number;
  expectedDeliveries: number;
  sendToReceiveMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  ackMs: { p50: number; p99: number };
  messagesPerSecond: number;
  seconds: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

function summarise(latencies: number[], acks: number[], messages: number, expected: number, sockets: number, seconds: number): Stats {
  const l = [...latencies].sort((a, b) => a - b);
  const a = [...acks].sort((x, y) => x - y);
  return {
    sockets,
    messages,
    deliveries: l.length,
    expectedDeliveries: expected,
    sendToReceiveMs: { p50: round(pct(l, 50)), p90: round(pct(l, 90)), p99: round(pct(l, 99)), max: round(l.at(-1) ?? NaN), mean: round(l.reduce((s, x) => s + x, 0) / l.length) },
    ackMs: { p50: round(pct(a, 50)), p99: round(pct(a, 99)) },
    messagesPerSecond: round(messages / seconds),
    seconds: round(seconds),
  };
}

async function connectAll(url: string, specs: Array<{ cookie?: string; auth?: Record<string, unknown> }>): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < specs.length; i += 100) {
    const batch = specs.slice(i, i + 100).map((spec) => {
      const s = ioClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(spec.cookie ? { extraHeaders: { cookie: spec.cookie } } : {}), ...(spec.auth ? { auth: spec.auth } : {}) });
      return new Promise<Socket>((resolve, reject) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/**
 * Closed loop: CONCURRENCY senders each emit, wait for the ack, emit again, until `messages` are sent.
 * Latency is emit -> message event on every other socket of the thread's members (same clock).
 */
async function drive(opts: {
  senders: Array<{ socket: Socket; payload: (id: string) => unknown }>;
  event: string;
  receivers: Socket[];
  idOf: (payload: unknown) => string | undefined;
  receiversPerMessage: number;
}, messages: number): Promise<{ latencies: number[]; acks: number[]; seconds: number }> {
  const sentAt = new Map<string, { at: number; from: Socket }>();
  const latencies: number[] = [];
  const acks: number[] = [];
  for (const r of opts.receivers) {
    r.on(opts.event, (payload: unknown) => {
      const id = opts.idOf(payload);
      const s = id ? sentAt.get(id) : undefined;
      if (s && s.from !== r) latencies.push(performance.now() - s.at);
    });
  }
  const sendOne = async (i: number, t0: number) => {
    const sender = opts.senders[i % opts.senders.length]!;
    const id = randomUUID();
    sentAt.set(id, { at: t0, from: sender.socket });
    const ack = (await sender.socket.timeout(30_000).emitWithAck(opts.event === 'message:new' ? 'message:send' : 'send', sender.payload(id))) as { ok: boolean; error?: { code: string } };
    if (!ack.ok) throw new Error(`send failed: ${ack.error?.code}`);
    acks.push(performance.now() - t0);
  };
  const start = performance.now();
  if (RATE > 0) {
    // Open loop: message i is due at start + i/RATE whatever happened to the others; latency counts
    // from the due time, so a server that falls behind shows it (no coordinated omission).
    const inflight: Array<Promise<void>> = [];
    for (let i = 0; i < messages; i++) {
      const due = start + (i * 1000) / RATE;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      inflight.push(sendOne(i, due));
    }
    await Promise.all(inflight);
  } else {
    let next = 0;
    const worker = async () => {
      while (next < messages) await sendOne(next++, performance.now());
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  const expected = messages * opts.receiversPerMessage;
  const deadline = performance.now() + 15_000;
  while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - start) / 1000;
  for (const r of opts.receivers) r.removeAllListeners(opts.event);
  return { latencies, acks, seconds };
}

/** The warm-up messages, driven like the measured ones; their figures, or undefined when BENCH_WARMUP=0. */
async function warm(load: Parameters<typeof drive>[0], sockets: number): Promise<Stats | undefined> {
  if (WARMUP <= 0) return undefined;
  const run = await drive(load, WARMUP);
  return summarise(run.latencies, run.acks, WARMUP, WARMUP * load.receiversPerMessage, sockets, run.seconds);
}

// Every statement of the server process during the run, on PGlite or PostgreSQL (installed before it starts).
const probe = installDbProbe();

async function benchWayfinder(redisUrl: string, databaseUrl: string | undefined) {
  const server = await startBenchServer(redisUrl, { SESSION_IDLE_SECONDS: '3600', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const { deps } = server;
  try {
    const [org] = ((await deps.db.execute(sql`select id from organizations limit 1`)) as unknown as { rows: Array<{ id: string }> }).rows;
    if (!org) throw new Error('no organization');
    await deps.db.execute(sql`update organizations set working_hours = '{"days":[1,2,3,4,5,6,7],"start":"00:00","end":"24:00"}'::jsonb`);
    const mk = (role: 'patient' | 'caregiver' | 'navigator', i: number) => ({ id: randomUUID(), orgId: org.id, email: `${role}${i}@bench.test`, name: `${role} ${i}`, role });
    const navs = Array.from({ length: NAVIGATORS }, (_, i) => mk('navigator', i));
    const pats = Array.from({ length: THREADS }, (_, i) => mk('patient', i));
    const cares = Array.from({ length: THREADS }, (_, i) => mk('caregiver', i));
    for (let i = 0; i < THREADS; i += 250) {
      const slice = (a: typeof pats) => a.slice(i, i + 250);
      await deps.db.insert(users).values([...(i === 0 ? navs : []), ...slice(pats), ...slice(cares)]);
      await deps.db.insert(patients).values(slice(pats).map((p, j) => ({ userId: p.id, navigatorId: navs[Math.floor((i + j) / PER_NAVIGATOR)]!.id })));
      await deps.db.insert(careTeamMembers).values(slice(pats).map((p, j) => ({ patientId: p.id, userId: navs[Math.floor((i + j) / PER_NAVIGATOR)]!.id, role: 'navigator' as const })));
      await deps.db.insert(caregiverGrants).values(slice(pats).map((p, j) => ({ id: randomUUID(), patientId: p.id, caregiverId: cares[i + j]!.id, scopes: ['messages'] })));
    }
    const threadOf = new Map<string, string>();
    for (const p of pats) threadOf.set(p.id, (await ensureCareTeamThread(deps, p.id)).id);
    const cookie = async (u: { id: string; role: 'patient' | 'caregiver' | 'navigator' }) => `${SESSION_COOKIE}=${(await deps.sessions.create({ id: u.id, role: u.role, orgId: org.id })).token}`;
    const specs: Array<{ cookie: string; user: string; thread?: string }> = [];
    for (let i = 0; i < THREADS; i++) {
      const p = pats[i]!;
      const c = cares[i]!;
      const [pc, cc] = [await cookie(p), await cookie(c)];
      for (let d = 0; d < 2; d++) specs.push({ cookie: pc, user: p.id, thread: threadOf.get(p.id) }, { cookie: cc, user: c.id, thread: threadOf.get(p.id) });
    }
    for (const n of navs) specs.push({ cookie: await cookie(n), user: n.id });
    const sockets = await connectAll(server.url, specs);
    // Senders: the first device of each patient and each caregiver, round-robin over threads.
    const senders = specs
      .map((s, i) => ({ spec: s, socket: sockets[i]! }))
      .filter((x, i) => x.spec.thread && i % 4 < 2)
      .map(({ spec, socket }) => ({ socket, payload: (id: string) => ({ threadId: spec.thread, clientId: id, body: 'How are you feeling today?' }) }));
    const load = { senders, event: 'message:new', receivers: sockets, idOf: (p: unknown) => (p as { message?: { clientId?: string } }).message?.clientId, receiversPerMessage: 4 };
    const warmUp = await warm(load, sockets.length);
    const before = probe.snapshot();
    const run = await profiled(() => drive(load, MESSAGES));
    for (const s of sockets) s.disconnect();
    const { byStatement, msPerStatement, statements } = perUnit(before, probe.snapshot(), MESSAGES);
    const alone = await sendStatementAlone(deps, pats[0]!.id, threadOf.get(pats[0]!.id)!);
    return { ...summarise(run.latencies, run.acks, MESSAGES, MESSAGES * 4, sockets.length, run.seconds), threads: THREADS, statementsPerMessage: statements, byStatement, msPerStatement, warmUp, sendStatementAlone: alone };
  } finally {
    await server.close();
  }
}

/**
 * The one statement every message needs (message, sequence number and audit row), run on its own, one at a
 * time, with nothing else in the process: its latency, round trip to the database included. Statements from
 * many sends overlap on both databases (decision 0025), so this bounds no rate.
 */
async function sendStatementAlone(deps: Deps, patientId: string, threadId: string) {
  const N = 1000;
  const once = () => {
    const id = randomUUID();
    const audit = auditRow({ actor: patientId, actorRole: 'patient', action: 'message.create', targetType: 'thread', targetId: threadId, patientId, outcome: 'success', details: { threadId, attachments: 0 } });
    return insertNextMessage(deps.db, { awaitingReply: true }, { id, threadId, senderId: patientId, clientId: randomUUID(), kind: 'user', body: 'How are you feeling today?' }, { audit });
  };
  for (let i = 0; i < 100; i++) await once();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await once();
  const ms = (performance.now() - t0) / N;
  return { statements: N, msEach: round(ms) };
}

/** The same topology on a bare socket.io server: the client names its room, the server acks and broadcasts. */
async function benchBare(redisUrl: string | undefined): Promise<Stats & { warmUp: Stats | undefined }> {
  const http = createServer();
  const pub = redisUrl ? createRedis(redisUrl) : undefined;
  const sub = pub?.duplicate();
  const io = new Server(http, { serveClient: false, ...(pub && sub ? { adapter: createAdapter(pub, sub, { key: `benchbare${randomBytes(3).toString('hex')}` }) } : {}) });
  io.on('connection', (socket) => {
    const rooms = socket.handshake.auth.rooms as string[];
    void socket.join(rooms);
    socket.on('send', (p: { room: string; id: string; body: string }, ack: (r: unknown) => void) => {
      ack({ ok: true });
      io.to(p.room).emit('new', p);
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const specs: Array<{ auth: { rooms: string[] }; room?: string }> = [];
    for (let i = 0; i < THREADS; i++) for (let d = 0; d < 4; d++) specs.push({ auth: { rooms: [`t${i}`] }, room: `t${i}` });
    for (let n = 0; n < NAVIGATORS; n++) specs.push({ auth: { rooms: Array.from({ length: PER_NAVIGATOR }, (_, k) => `t${n * PER_NAVIGATOR + k}`).filter((r) => Number(r.slice(1)) < THREADS) } });
    const sockets = await connectAll(url, specs);
    const senders = specs
      .map((s, i) => ({ spec: s, socket: sockets[i]! }))
      .filter((x, i) => x.spec.room !== undefined && i % 4 < 2)
      .map(({ spec, socket }) => ({ socket, payload: (id: string) => ({ room: spec.room, id, body: 'How are you feeling today?' }) }));
    const load = { senders, event: 'new', receivers: sockets, idOf: (p: unknown) => (p as { id?: string }).id, receiversPerMessage: 4 };
    const warmUp = await warm(load, sockets.length);
    const run = await drive(load, MESSAGES);
    for (const s of sockets) s.disconnect();
    return { ...summarise(run.latencies, run.acks, MESSAGES, MESSAGES * 4, sockets.length, run.seconds), warmUp };
  } finally {
    io.disconnectSockets(true);
    await new Promise<void>((r) => io.close(() => r()));
    await Promise.allSettled([pub?.quit(), sub?.quit()]);
  }
}

const redis = await benchRedis();
try {
  console.log(`chat bench: ${THREADS * 4 + NAVIGATORS} sockets, ${THREADS} threads, ${MESSAGES} messages after ${WARMUP} to warm up, concurrency ${CONCURRENCY}`);
  const baseline = await benchBare(undefined);
  console.log('bare socket.io (in-memory adapter)', baseline);
  const baselineRedis = await benchBare(redis.url);
  console.log('bare socket.io (Redis adapter)', baselineRedis);
  const admin = process.env.BENCH_DATABASE_URL;
  const pgDb = admin ? await freshPostgres(admin) : undefined;
  const wayfinder = await benchWayfinder(redis.url, pgDb?.url);
  console.log('wayfinder message:send -> message:new', wayfinder);
  const result = {
    bench: 'chat',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
    database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'pglite (in memory, in its own process)',
    load: { sockets: wayfinder.sockets, threads: THREADS, navigators: NAVIGATORS, messages: MESSAGES, warmUpMessages: WARMUP, ...(RATE ? { mode: 'open loop', ratePerSecond: RATE } : { mode: 'closed loop', concurrency: CONCURRENCY }), receiversPerMessage: 4, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 },
    wayfinder,
    baseline: { bareSocketIoInMemory: baseline, bareSocketIoRedisAdapter: baselineRedis },
    notes:
      'Clients and server share one process on this machine. Wayfinder: session-authenticated sockets; each send is zod-checked, rate-limited in Redis, ' +
      'access-checked, persisted with its per-thread sequence number and its audit row (sealed afterwards, decision 0013) in the database named above, acknowledged, then emitted ' +
      'to the members’ user rooms through the Redis adapter. Baselines: the same topology on a bare socket.io server that acks and broadcasts to a room. ' +
      'Every figure is of the messages sent after the warm-up; `warmUp` holds the warm-up messages’ own. `sendStatementAlone`: the one statement a message needs, ' +
      'run alone and one at a time after the run: its latency, round trip to the database included.',
  };
  writeLabelledRun(`chat${RATE ? '-open' : ''}${admin ? '-postgresql' : ''}`, { bench: 'chat' }, result);
  // Dropped once the results are written: a server connection still closing must not cost the run.
  await pgDb?.drop();
} finally {
  // Let the server's last Redis commands drain before the private redis-server goes away.
  await new Promise((r) => setTimeout(r, 500));
  await redis.stop();
}
process.exit(0);
