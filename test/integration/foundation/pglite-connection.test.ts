import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/platform/db/client.ts';

// PGlite through node-postgres (decision 0024). The PostgreSQL run has its own connection tests.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let d: Database;
const rows = async <T>(q: Promise<unknown>) => ((await q) as { rows: T[] }).rows;

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

  it('keeps nothing per statement: 10,000 statements leave the heap where it was', async () => {
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
