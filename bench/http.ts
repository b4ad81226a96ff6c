// HTTP benchmark (issue #15): req/s and p50/p99 at 32 connections (autocannon) for `GET /healthz` (the
// baseline), `GET /api/me`, an audited PHI read (`GET /api/patients/:id`) and the navigator's caseload
// (`GET /api/caseload`), each as a ratio to the baseline of the same run, on in-memory PGlite and, with
// BENCH_DATABASE_URL (an admin URL; the bench makes and drops its own database), on PostgreSQL.
// The audit sealer runs beside the server, as in production, so its cost is part of the figures.
//   npm run bench -- http        (BENCH_SECONDS per endpoint, default 10; BENCH_CONNECTIONS, default 32;
//   BENCH_ONLY=pglite|postgresql to measure one database; BENCH_LABEL names the result file's run)
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SESSION_COOKIE } from '../src/platform/session.ts';
import { startBenchServer } from './server.ts';
import { freshPostgres } from './postgres.ts';
import { benchRedis } from './redis.ts';
import { startBenchSealer } from './sealer.ts';
import { writeLabelledRun } from './results-file.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Target {
  name: string;
  path: string;
  cookie?: string;
}

interface Measured {
  name: string;
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  requests: number;
  non2xx: number;
  errors: number;
  ratioToHealthz?: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The load generator, in its own process so its work does not share the server's event loop. */
async function generate(config: { url: string; targets: Target[]; seconds: number; connections: number }): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const t of config.targets) {
    const opts = { url: config.url + t.path, connections: config.connections, headers: t.cookie ? { cookie: t.cookie } : {} };
    // A short warm-up (JIT, connection pools, caches), then the measured run.
    await autocannon({ ...opts, duration: 2 });
    const r = await autocannon({ ...opts, duration: config.seconds });
    out.push({
      name: t.name,
      path: t.path.replace(/[0-9a-f-]{36}/, ':id'),
      requestsPerSecond: round(r.requests.average),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: round(r.latency.average) },
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
    });
  }
  return out;
}

async function measure(redisUrl: string, databaseUrl: string | undefined) {
  const server = await startBenchServer(redisUrl, { SESSION_IDLE_SECONDS: '3600', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const sealer = await startBenchSealer(server);
  try {
    const users = await server.deps.db.query.users.findMany();
    const nora = users.find((u) => u.email === 'nora@demo.test')!;
    const ana = users.find((u) => u.email === 'ana@demo.test')!;
    const cookie = `${SESSION_COOKIE}=${(await server.deps.sessions.create({ id: nora.id, role: nora.role, orgId: nora.orgId })).token}`;
    const targets: Target[] = [
      { name: 'healthz', path: '/healthz' },
      { name: 'me', path: '/api/me', cookie },
      { name: 'patientRead', path: `/api/patients/${ana.id}`, cookie },
      { name: 'caseload', path: '/api/caseload', cookie },
    ];
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_HTTP_GENERATOR: JSON.stringify({ url: server.url, targets, seconds: SECONDS, connections: CONNECTIONS }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    if (code !== 0) throw new Error(`generator exited with ${code}`);
    const results = JSON.parse(out.trim().split('\n').at(-1)!) as Measured[];
    const base = results.find((r) => r.name === 'healthz')!.requestsPerSecond;
    for (const r of results) r.ratioToHealthz = round(r.requestsPerSecond / base);
    return { endpoints: results, seal: await sealer.lag() };
  } finally {
    await sealer.stop();
    await server.close();
  }
}

if (process.env.BENCH_HTTP_GENERATOR) {
  const result = await generate(JSON.parse(process.env.BENCH_HTTP_GENERATOR) as Parameters<typeof generate>[0]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const only = process.env.BENCH_ONLY;
const redis = await benchRedis();
try {
  const load = { at: new Date().toISOString(), loadAverage1m: round(loadavg()[0]!) };
  const runs: Record<string, unknown> = {};
  if (only !== 'postgresql') {
    console.log(`http bench (pglite in memory, in its own process): ${CONNECTIONS} connections, ${SECONDS} s per endpoint`);
    runs.pglite = { ...load, ...(await measure(redis.url, undefined)) };
    console.log(JSON.stringify(runs.pglite, null, 2));
  }
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin && only !== 'pglite') {
    console.log(`http bench (postgresql): ${CONNECTIONS} connections, ${SECONDS} s per endpoint`);
    const db = await freshPostgres(admin);
    try {
      runs.postgresql = { ...load, ...(await measure(redis.url, db.url)) };
    } finally {
      await db.drop();
    }
    console.log(JSON.stringify(runs.postgresql, null, 2));
  }
  writeLabelledRun(
    'http',
    {
      bench: 'http',
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
      load: { connections: CONNECTIONS, secondsPerEndpoint: SECONDS, warmupSeconds: 2 },
      notes:
        'autocannon in a separate process on the same machine; one navigator session (Nora) for every authenticated request. ' +
        'patientRead is GET /api/patients/:id (access decision + one audit row); caseload is GET /api/caseload (one audit row). ' +
        'loadAverage1m is the machine load when the run started (the machine is shared).',
    },
    runs,
  );
} finally {
  await redis.stop();
}
process.exit(0);
