import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../src/server.ts';
import { freshDatabaseUrl } from './database.ts';
import { testRedisUrl } from './redis-url.ts';

export interface TestServer extends RunningServer {
  /** Environment the server was started with (workers started for the same test share it). */
  env: Record<string, string>;
}

/**
 * Boots the real server (HTTP + socket.io) on a free port with the demo seed, a real Redis under a
 * private key prefix, and PGlite in memory (or a fresh PostgreSQL database when TEST_DATABASE_URL is set).
 */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const databaseUrl = await freshDatabaseUrl();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    PGLITE_DIR: 'memory://',
    DEV_SMTP_PORT: '0',
    // Parallel test servers must not compete for the SFU's port where a mediasoup worker exists.
    MEDIASOUP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_SEED: 'true',
    UPLOAD_DIR: `/tmp/wayfinder-test-uploads/${randomBytes(4).toString('hex')}`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...overrides,
  };
  const server = await startServer(env);
  return Object.assign(server, { env });
}
