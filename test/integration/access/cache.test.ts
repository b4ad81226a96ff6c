import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleCache } from '../../../src/people/cache.ts';
import * as people from '../../../src/people/service.ts';
import { users } from '../../../src/people/tables.ts';
import { LISTENER_NAME } from '../../../src/platform/db/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { actorFor, demoUsers, freshPatient, subjectOf } from './support.ts';

/**
 * Decision 0015: access decisions and user rows are cached per node, and every change to people or their
 * relationships, by any process and any path (service, operator SQL), reaches every node's cache within 1 s.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let a: TestServer;
let u: Awaited<ReturnType<typeof demoUsers>>;

beforeAll(async () => {
  a = await startTestServer({ MEDIASOUP_WORKERS: '0' });
  u = await demoUsers(a);
}, 120_000);
afterAll(() => a?.close());

const within1s = { timeout: 1000, interval: 10 };

describe('people cache (decision 0015)', () => {
  it('a relationship or profile changed in SQL, outside any service, reaches the cached answers within 1 s', async () => {
    const patient = await freshPatient(a);
    const sam = subjectOf(u.sam);
    const cachedAt = Date.now();
    expect((await people.accessDecision(a.deps, sam, patient)).via).toBe('care_team');
    expect((await people.getUser(a.deps, patient))?.locale).toBe('en');
    await a.deps.db.update(users).set({ locale: 'es' }).where(eq(users.id, patient));
    await a.deps.db.execute(`update care_team_members set removed_at = now() where patient_id = '${patient}' and user_id = '${u.sam.id}'`);
    await expect.poll(async () => (await people.accessDecision(a.deps, sam, patient)).allowed, within1s).toBe(false);
    await expect.poll(async () => (await people.getUser(a.deps, patient))?.locale, within1s).toBe('es');
    // Seen before the cached answer's own 1 s lifetime ended: the notice dropped it, not the clock.
    expect(Date.now() - cachedAt).toBeLessThan(1000);
  });

  it.skipIf(!onPostgres)('a listening connection that stalls without an error stops the cache answering within 1 s (decision 0021)', async () => {
    const patient = await freshPatient(a);
    const sam = subjectOf(u.sam);
    const cache = peopleCache(a.deps.database);
    const heardAfter = async (t: number) => expect.poll(() => cache.heardAt, { timeout: 3000, interval: 20 }).toBeGreaterThan(t);
    await heardAfter(Date.now());
    expect((await people.accessDecision(a.deps, sam, patient)).allowed).toBe(true);
    // Removed with the triggers off: no notice, so only the cached answer can still allow.
    await a.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update care_team_members set removed_at = now() where patient_id = ${patient} and user_id = ${u.sam.id}`);
    });
    // Still allowed after a second in which beats kept coming: the entry has no age limit of its own.
    await heardAfter(Date.now() + 1000);
    expect((await people.accessDecision(a.deps, sam, patient)).allowed).toBe(true);

    const listeners = await a.deps.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_NAME}`);
    const pids = (listeners as unknown as { rows: Array<{ pid: number }> }).rows.map((r) => r.pid);
    expect(pids.length).toBeGreaterThan(0);
    // The backend stops: its socket stays open and no error is raised, but beats no longer come back.
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const stoppedAt = Date.now();
      await expect.poll(async () => (await people.accessDecision(a.deps, sam, patient)).allowed, { timeout: 1500, interval: 20 }).toBe(false);
      expect(Date.now() - stoppedAt).toBeLessThan(1100);
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
  });

  it.skipIf(!onPostgres)('a change made through another server process reaches this one within 1 s', async () => {
    const b = await startTestServer({ DATABASE_URL: a.env.DATABASE_URL!, REDIS_PREFIX: a.env.REDIS_PREFIX!, MEDIASOUP_WORKERS: '0' });
    try {
      const patient = await freshPatient(a);
      const carl = subjectOf(u.carl);
      const cachedAt = Date.now();
      expect(people.permits(await people.accessDecision(a.deps, carl, patient), 'checkins')).toBe(true);
      await people.grantCaregiver(b.deps, actorFor({ id: patient, role: 'patient', orgId: u.nora.orgId }), { caregiverId: u.carl.id }, ['messages']);
      await expect.poll(async () => people.permits(await people.accessDecision(a.deps, carl, patient), 'checkins'), within1s).toBe(false);
      expect(Date.now() - cachedAt).toBeLessThan(1000);
      await people.revokeCaregiver(b.deps, actorFor({ id: patient, role: 'patient', orgId: u.nora.orgId }), u.carl.id);
      await expect.poll(async () => (await people.accessDecision(a.deps, carl, patient)).allowed, within1s).toBe(false);
    } finally {
      await b.close();
    }
  }, 90_000);
});
