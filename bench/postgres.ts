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
