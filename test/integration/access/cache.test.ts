import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as people from '../../../src/people/service.ts';
import { users } from '../../../src/people/tables.ts';
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
