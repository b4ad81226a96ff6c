import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh database on the server of an admin URL, dropped after the run (the bench owns it). */
export async function freshPostgres(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wf_bench_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/**
 * Counts the statements every pg client of this process sends (BEGIN and COMMIT included): the
 * statements-per-request figure of a bench on PostgreSQL. Pool queries go through Client#query too.
 */
export function countStatements() {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { read: () => count, stop: () => void (pg.Client.prototype.query = original) };
}
