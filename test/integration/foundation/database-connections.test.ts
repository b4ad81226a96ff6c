import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LISTENER_NAME } from '../../../src/platform/db/client.ts';
import { login } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ MEDIASOUP_WORKERS: '0' });
}, 120_000);
afterAll(() => s?.close());

it.skipIf(!onPostgres)('PostgreSQL ending every idle pooled connection (restart, failover, an administrator) leaves the server answering', async () => {
  const agent = await login(s.url, 'nora@demo.test');
  expect((await agent.get('/api/me')).status).toBe(200);
  // Fill the pool with idle connections, then end all of them but the one asking.
  await Promise.all(Array.from({ length: 8 }, () => s.deps.db.execute(sql`select pg_sleep(0.05)`)));
  const ended = await s.deps.db.execute(
    sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name <> ${LISTENER_NAME} and backend_type = 'client backend'`,
  );
  expect((ended as unknown as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
  await expect.poll(async () => (await agent.get('/api/caseload')).status, { timeout: 5000 }).toBe(200);
  expect((await agent.get('/api/me')).status).toBe(200);
});
