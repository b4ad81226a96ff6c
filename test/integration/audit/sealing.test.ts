import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, auditSeals } from '../../../src/platform/audit/tables.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startTestWorkers } from '../../support/workers.ts';

const scalar = async (db: TestServer['deps']['db'], query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Array<{ v: string }> }).rows[0]!;

type Workers = Awaited<ReturnType<typeof startTestWorkers>>;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let a: TestServer;
let workers: Workers;
let nora: Client;
let ana: Client;
let anaThread = '';

const unsealed = async (server: TestServer) => (await server.deps.audit.verify()).unsealed.rows;
const allSealed = (server: TestServer) => vi.waitFor(async () => expect(await unsealed(server)).toBe(0), { timeout: 2000, interval: 50 });
const sendAs = (client: Client, server: TestServer, body: string) =>
  fetch(`${server.url}/api/threads/${anaThread}/messages`, { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), body }) });

beforeAll(async () => {
  a = await startTestServer();
  workers = await startTestWorkers(a, { jobs: [] });
  nora = await login(a.url, 'nora@demo.test');
  ana = await login(a.url, 'ana@demo.test');
  const { threads } = (await (await ana.get('/api/threads')).json()) as { threads: Array<{ id: string; kind: string }> };
  anaThread = threads.find((t) => t.kind === 'care_team')!.id;
}, 120_000);
afterAll(async () => {
  await workers.stop();
  await a.close();
});

describe('audit sealing (decision 0013)', () => {
  it('seals every committed audit row within 2 s, in seq order, and verify reports the unsealed tail until then', async () => {
    expect((await nora.get(`/api/patients/${ana.me.id}`)).status).toBe(200);
    await allSealed(a);
    const result = await a.deps.audit.verify();
    expect(result).toMatchObject({ problems: [], brokenSeals: [], unsealed: { rows: 0, firstSeq: null } });
    expect(result.rows).toBeGreaterThan(3);

    await workers.stop();
    expect((await nora.get(`/api/patients/${ana.me.id}`)).status).toBe(200);
    const tail = (await a.deps.audit.verify()).unsealed;
    expect(tail.rows).toBe(1);
    expect(tail.oldestAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    workers = await startTestWorkers(a, { jobs: [] });
    await allSealed(a);
  });
});

describe.skipIf(!onPostgres)('no lock that every audited request takes (PostgreSQL)', () => {
  it('a transaction held open for 2 s does not delay another user’s audited read or write, and is sealed in order once it commits', async () => {
    let slowCommitted = false;
    let slowRowWritten!: (seq: number) => void;
    const written = new Promise<number>((r) => (slowRowWritten = r));
    const slow = a.deps.db
      .transaction(async (tx) => {
        await a.deps.audit.record({ actor: nora.me.id, action: 'test.slow', outcome: 'success' }, tx as never);
        slowRowWritten(Number((await scalar(tx as never, sql`select currval('audit_log_seq_seq') as v`)).v));
        await tx.execute(sql`select pg_sleep(2)`);
      })
      .then(() => (slowCommitted = true));
    const slowSeq = await written;
    const read = await nora.get(`/api/patients/${ana.me.id}`);
    const write = await sendAs(ana, a, 'While another transaction is open');
    expect([read.status, write.status, slowCommitted]).toEqual([200, 201, false]);
    // Everything below the open transaction's row is sealed; nothing at or past it while it may still commit.
    const sealedTo = async () => Number((await scalar(a.deps.db, sql`select coalesce(max(last_seq), 0) as v from audit_seals`)).v);
    await vi.waitFor(async () => expect(await sealedTo()).toBeGreaterThanOrEqual(slowSeq - 1), { timeout: 1500, interval: 50 });
    expect(slowCommitted).toBe(false);
    expect(await sealedTo()).toBeLessThan(slowSeq);
    await slow;
    await allSealed(a);
    expect((await a.deps.audit.verify()).problems).toEqual([]);
  });

  it('50 concurrent audited writes through two server processes all land and seal in one gap-free order', async () => {
    const b = await startTestServer({ DATABASE_URL: a.env.DATABASE_URL!, REDIS_PREFIX: a.env.REDIS_PREFIX! });
    const bWorkers = await startTestWorkers(b, { jobs: [] });
    try {
      const before = await a.deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.action} = 'message.create'`);
      const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? sendAs(nora, b, `from b ${i}`) : sendAs(ana, a, `from a ${i}`)).then((r) => r.status)));
      expect(statuses).toEqual(Array(50).fill(201));
      await allSealed(a);
      const rows = await a.deps.db.select({ seq: auditLog.seq, action: auditLog.action }).from(auditLog).orderBy(auditLog.seq);
      expect(rows.filter((r) => r.action === 'message.create').length - before[0]!.n).toBe(50);
      const seals = await a.deps.db.select().from(auditSeals).orderBy(auditSeals.batch);
      // One chain: batches 1..n with no gap, their rows in strictly increasing seq order, covering every row once.
      expect(seals.map((s) => s.batch)).toEqual(seals.map((_, i) => i + 1));
      expect(seals.flatMap((s) => s.seqs)).toEqual(rows.map((r) => r.seq));
      expect(await b.deps.audit.verify()).toMatchObject({ problems: [], brokenSeals: [], unsealed: { rows: 0 } });
    } finally {
      await bWorkers.stop();
      await b.close();
    }
    // A second server starting on a busy machine takes a while; the sealing itself is held to 2 s above.
  }, 90_000);
});

// Last: it leaves the log tampered with.
describe('audit verification', () => {
  it('names a sealed row that was altered, deleted or inserted', async () => {
    // A rolled-back audited transaction leaves a hole in seq: the place an inserted row would take.
    await a.deps.db
      .transaction(async (tx) => {
        await a.deps.audit.record({ actor: 'system:test', action: 'test.rollback', outcome: 'success' }, tx as never);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await nora.get(`/api/patients/${ana.me.id}`)).status).toBe(200);
    await allSealed(a);
    const seqs = (await a.deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq)).map((r) => r.seq);
    const hole = seqs.find((s, i) => i > 0 && s - seqs[i - 1]! > 1)! - 1;
    const [altered, deleted] = [seqs[1]!, seqs[2]!];
    await a.deps.db.execute(sql`alter table audit_log disable trigger user`);
    await a.deps.db.execute(sql`update audit_log set actor = 'someone-else' where seq = ${altered}`);
    await a.deps.db.execute(sql`delete from audit_log where seq = ${deleted}`);
    await a.deps.db.execute(sql`insert into audit_log (seq, at, actor, action, outcome) values (${hole}, now(), 'forged', 'patient.read', 'success')`);
    await a.deps.db.execute(sql`alter table audit_log enable trigger user`);
    const result = await a.deps.audit.verify();
    expect(result.problems).toEqual(
      [
        { seq: altered, problem: 'altered' },
        { seq: deleted, problem: 'deleted' },
        { seq: hole, problem: 'inserted' },
      ].sort((x, y) => x.seq - y.seq),
    );
    expect(result.brokenSeals).toEqual([]);
    await expect(a.deps.db.execute(sql`update audit_seals set hash = hash`)).rejects.toThrow();
  });
});
