// Login flood benchmark (issue #11, SECURITY.md S25): 300 failed logins from one client, each for a
// different e-mail, while the owner signs in from their known device; the owner's login must answer
// within 1 s. The baseline is the same login on the same server with no flood, measured in this run.
//   npm run bench -- login        (BENCH_FLOOD to change the number of bad logins)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { benchRedis } from './redis.ts';
import { startBenchServer } from './server.ts';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 300);
const TARGET_MS = 1000;

const redis = await benchRedis();
const server = await startBenchServer(redis.url);
const attempt = (email: string, password: string, cookie?: string) =>
  fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ email, password }) });
const clearLimits = async () => {
  const keys = await server.deps.redis.keys(server.deps.key('rl', '*'));
  if (keys.length) await server.deps.redis.del(...keys);
};

const first = await attempt('nora@demo.test', DEMO_PASSWORD);
const device = first.headers.getSetCookie().find((c) => c.startsWith('wf_device='))?.split(';')[0];
if (!device) throw new Error('no device cookie after login');

const quiet: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await attempt('nora@demo.test', DEMO_PASSWORD, device);
  quiet.push(performance.now() - t0);
}
await clearLimits();

const statuses: number[] = [];
const flood = Promise.all(
  Array.from({ length: FLOOD }, (_, i) => attempt(`stranger-${i}@flood.test`, `wrong-password-${i}`).then((r) => statuses.push(r.status))),
);
while (statuses.length < 10) await new Promise((r) => setImmediate(r));
const t0 = performance.now();
const owner = await attempt('nora@demo.test', DEMO_PASSWORD, device);
const ownerMs = performance.now() - t0;
await flood;

const result = {
  flood: FLOOD,
  refused429: statuses.filter((s) => s === 429).length,
  checked401: statuses.filter((s) => s === 401).length,
  ownerStatus: owner.status,
  ownerDuringFloodMs: Math.round(ownerMs),
  ownerQuietMs: { median: Math.round([...quiet].sort((a, b) => a - b)[2] ?? NaN), all: quiet.map(Math.round) },
  targetMs: TARGET_MS,
  met: owner.status === 200 && ownerMs < TARGET_MS,
  machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/login.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
await server.close();
await redis.stop();
