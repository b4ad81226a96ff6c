import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The database a test server uses: PGlite in memory by default; with TEST_DATABASE_URL (CI runs the
 * integration suite a second time against a real PostgreSQL server) a fresh database per server.
 */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return undefined;
  const name = `wf_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
