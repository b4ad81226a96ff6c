import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/platform/db/client.ts';
import { pglitePool } from '../../../src/platform/db/pglite-connection.ts';

// PGlite in its own process, through node-postgres (decisions 0024, 0025). The PostgreSQL run has its own
// connection tests.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let d: Database;
const rows = async <T>(q: Promise<unknown>) => ((await q) as { rows: T[] }).rows;

/** Whether a process is running (an exited one nobody has reaped yet counts as gone). */
const running = (pid: number) => existsSync(`/proc/${pid}/stat`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

describe.skipIf(onPostgres)('PGlite through node-postgres', () => {
  beforeAll(async () => {
    d = await openDatabase({ databaseUrl: undefined, pgliteDir: 'memory://' });
    await d.db.execute(sql`create table probe (id int primary key, note text)`);
  }, 60_000);
  afterAll(() => d?.close());

  it('a named statement is parsed once and used again', async () => {
    const query = d.db
      .select({ one: sql<number>`${sql.placeholder('n')}::int + 1` })
      .from(sql`(select 1) as x`)
      .prepare('probe_plus_one');
    expect(await query.execute({ n: 1 })).toEqual([{ one: 2 }]);
    expect(await query.execute({ n: 41 })).toEqual([{ one: 42 }]);
    const prepared = await rows<{ name: string }>(d.db.execute(sql`select name from pg_prepared_statements where name = 'probe_plus_one'`));
    expect(prepared).toEqual([{ name: 'probe_plus_one' }]);
  });

  it('starts PGlite without zero-filling new WAL segments (a 16 MB write on the event loop each time)', async () => {
    expect(await rows(d.db.execute(sql`show wal_init_zero`))).toEqual([{ wal_init_zero: 'off' }]);
  });

  it('a failed statement is an answer: the next statement on the same backend succeeds', async () => {
    const insert = (id: number) => d.db.execute(sql`insert into probe (id, note) values (${id}, 'x')`);
    await insert(1);
    const err = await insert(1).then(() => undefined, (e: unknown) => e as { cause?: { code?: string } });
    expect(err?.cause?.code).toBe('23505');
    await insert(2);
    expect(await rows<{ n: number }>(d.db.execute(sql`select count(*)::int as n from probe`))).toEqual([{ n: 2 }]);
  });

  it('a transaction has the backend to itself: a statement from outside waits for its commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = d.db.transaction(async (t) => {
      await t.execute(sql`insert into probe (id, note) values (10, 'in tx')`);
      order.push('inserted');
      await held;
      order.push('committing');
    });
    await expect.poll(() => order).toContain('inserted');
    const outside = rows<{ n: number }>(d.db.execute(sql`select count(*)::int as n from probe where id = 10`)).then((r) => {
      order.push('outside answered');
      return r;
    });
    release();
    await tx;
    expect(await outside).toEqual([{ n: 1 }]);
    expect(order).toEqual(['inserted', 'committing', 'outside answered']);
  });

  it('a statement from another connection never runs inside an open transaction', async () => {
    let outside: Promise<Array<{ n: number }>> | undefined;
    let answeredInside: boolean | undefined;
    const undone = new Error('undo');
    const tx = d.db.transaction(async (t) => {
      await t.execute(sql`insert into probe (id, note) values (11, 'undone')`);
      outside = rows<{ n: number }>(d.db.execute(sql`select count(*)::int as n from probe where id = 11`));
      // Time enough for an answer (a few ms): one that shared the transaction would come now, and see row 11.
      answeredInside = await Promise.race([outside.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 300))]);
      throw undone;
    });
    await expect(tx).rejects.toBe(undone);
    expect(answeredInside).toBe(false);
    expect(await outside).toEqual([{ n: 0 }]);
  });

  it('a notification is heard before the notifying commit returns to its caller', async () => {
    const heard: string[] = [];
    let live = false;
    d.listen('probe_changed', { message: (p) => heard.push(p), live: () => (live = true), heard: () => undefined, lost: () => undefined });
    await expect.poll(() => live).toBe(true);
    await d.db.transaction(async (t) => {
      await t.execute(sql`select pg_notify('probe_changed', 'one')`);
      expect(heard).toEqual([]); // not before commit
    });
    expect(heard).toEqual(['one']);
  });

  it('eight connections parsing one new named statement at once all get answers; the session holds it once', async () => {
    const query = d.db
      .select({ twice: sql<number>`${sql.placeholder('n')}::int * 2` })
      .from(sql`(select 1) as x`)
      .prepare('probe_twice');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => query.execute({ n })));
    expect(answers).toEqual(Array.from({ length: 8 }, (_, n) => [{ twice: n * 2 }]));
    const prepared = await rows<{ n: number }>(d.db.execute(sql`select count(*)::int as n from pg_prepared_statements where name = 'probe_twice'`));
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it('the PGlite process ending unasked is reported, and every statement then fails with a clear error', async () => {
    const { pool, backend } = await pglitePool('memory://');
    const lost = new Promise<Error>((resolve) => backend.once('lost', resolve));
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    const inFlight = pool.query('select pg_sleep(5)');
    process.kill(backend.pid!, 'SIGKILL');
    expect((await lost).message).toMatch(/ended unasked/);
    const ended = { message: 'the PGlite process has ended', code: '08006' };
    await expect(inFlight).rejects.toMatchObject(ended);
    for (let i = 0; i < 3; i++) await expect(pool.query('select 1')).rejects.toMatchObject(ended);
    await backend.close();
  });

  it('a server killed without closing takes its PGlite process with it', async () => {
    const module = new URL('../../../src/platform/db/pglite-connection.ts', import.meta.url).href;
    const server = spawn(process.execPath, ['--input-type=module', '-e', `const { backend } = await (await import(${JSON.stringify(module)})).pglitePool('memory://'); console.log(backend.pid); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => server.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))));
    expect(running(pid)).toBe(true);
    server.kill('SIGKILL');
    await expect.poll(() => running(pid), { timeout: 10_000 }).toBe(false);
  }, 30_000);

  it('the server keeps nothing per statement: 10,000 statements leave its heap where it was', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const one = () => d.db.execute(sql`select id, note from probe where id = ${1}`);
    for (let i = 0; i < 500; i++) await one();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) await one();
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(2_000_000);
  });
});
