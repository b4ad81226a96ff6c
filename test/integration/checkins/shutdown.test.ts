import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../../src/alerts/service.ts';
import { alertEvents } from '../../../src/alerts/tables.ts';
import { DEFAULT_LADDER } from '../../../src/checkins/rule-defaults.ts';
import { publishRuleSet } from '../../../src/checkins/rules.ts';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { seedDemo } from '../../../src/demo/seed.ts';
import { bullPrefix } from '../../../src/platform/queues.ts';
import { createRedis } from '../../../src/platform/redis.ts';
import { closeWorkerDeps, createWorkerDeps } from '../../../workers/runtime.ts';
import { freshDatabaseUrl } from '../../support/database.ts';
import { testRedisUrl } from '../../support/redis-url.ts';
import { startSmtpSink } from '../../support/smtp.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
}, 60_000);

describe('graceful shutdown of a real worker process (S16)', () => {
  it('SIGTERM to `node workers/main.ts` during escalation jobs: exits 0, no job left active, every started step done', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const databaseUrl = await freshDatabaseUrl();
    const dir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'wayfinder-s16-'));
    if (dir) cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
      LOG_LEVEL: 'info',
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'http://localhost:3999',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: dir! }),
    };

    // Prepare: demo network, 1-second deadlines, twenty unacknowledged high alerts due together.
    const deps = await createWorkerDeps(env);
    await seedDemo(deps.db);
    const users = await deps.db.query.users.findMany();
    const orgId = users[0]!.orgId;
    const ana = users.find((u) => u.email === 'ana@demo.test')!.id;
    await publishRuleSet(deps.db, orgId, { ladder: { ...DEFAULT_LADDER, high: { ack: { amount: 1, unit: 'seconds' }, steps: ['on_call'] } } }, 'test', 'S16');
    const alertIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { id } = await raiseAlert(deps, { patientId: ana, severity: 'high', source: 'checkin', sourceId: `s16-${i}`, ruleId: 'esas.severe', reasons: [{ key: 'reason.itemSevere', params: { instrument: 'esas-r', item: 'pain', value: 8, threshold: 7 } }] });
      alertIds.push(id);
    }
    await closeWorkerDeps(deps); // PGlite is one process's database: hand it over to the child

    const child = spawn(process.execPath, ['workers/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    const redis = createRedis(env.REDIS_URL!);
    const queue = new Queue(QUEUES.escalations, { connection: redis, prefix: bullPrefix(env.REDIS_PREFIX!) });
    cleanups.push(async () => {
      await queue.close();
      await redis.quit();
    });
    // SIGTERM the moment a job is active, once the process has installed its signal handlers (it logs
    // 'workers started' right after; see the report: a SIGTERM before that line kills it by default).
    const deadline = Date.now() + 60_000;
    while (!out.includes('workers started')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`workers did not start:\n${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    while ((await queue.getActiveCount()) === 0) {
      if (Date.now() > deadline) throw new Error(`no job became active:\n${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGTERM');
    const code = await exited;
    expect(code, out.slice(-2000)).toBe(0);
    expect(out).toContain('workers shutting down');

    expect(await queue.getActiveCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
    const completed = await queue.getCompleted();
    expect(completed.length).toBeGreaterThanOrEqual(1);

    // Every completed step is recorded once in the database.
    const check = await createWorkerDeps(env);
    cleanups.push(() => closeWorkerDeps(check));
    const events = await check.db.select().from(alertEvents).where(inArray(alertEvents.alertId, alertIds));
    const esc = events.filter((e) => e.step === 'esc1');
    const completedAlerts = new Set(completed.map((j) => (j.data as { alertId: string }).alertId));
    for (const id of completedAlerts) expect(esc.filter((e) => e.alertId === id)).toHaveLength(1);
    expect(esc.length).toBe(completedAlerts.size);
  }, 120_000);
});
