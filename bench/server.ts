import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { startServer } from '../src/server.ts';

/**
 * The real server for a benchmark: demo network, an ephemeral port, a private Redis prefix, PGlite in
 * memory (or PostgreSQL when BENCH_DATABASE_URL is set), no logging.
 */
export function startBenchServer(redisUrl: string, extra: Record<string, string> = {}) {
  return startServer({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    PGLITE_DIR: 'memory://',
    DEV_SMTP_PORT: '0',
    MEDIASOUP_PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'true',
    UPLOAD_DIR: `${tmpdir()}/wayfinder-bench-uploads`,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    ...extra,
  });
}
