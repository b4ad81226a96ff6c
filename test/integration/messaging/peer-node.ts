import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { Audit } from '../../../src/platform/audit/audit.ts';
import type { Deps } from '../../../src/platform/context.ts';
import { Metrics } from '../../../src/platform/metrics.ts';
import { Queues } from '../../../src/platform/queues.ts';
import { RateLimits } from '../../../src/platform/rate-limit.ts';
import { startRealtime } from '../../../src/platform/realtime.ts';
import { createRedis, keyer } from '../../../src/platform/redis.ts';
import { SessionStore } from '../../../src/platform/session.ts';
import { SOCKET_DOMAINS } from '../../../src/socket-domains.ts';
import type { TestServer } from '../../support/server.ts';

/**
 * A second server node in this test process: its own HTTP server, socket.io server, Redis connections,
 * adapter, session store, rate limiter and queues, on the same Redis prefix, sharing only the first
 * node's database handle (an in-memory PGlite cannot be opened by a second process). Events between the
 * two nodes travel through Redis exactly as between processes. The two-process variant runs against
 * PostgreSQL when TEST_DATABASE_URL is set (processes.test.ts).
 */
export async function startPeerNode(first: TestServer) {
  const config = loadConfig({ ...first.env, PORT: '0' });
  const redis = createRedis(config.redisUrl);
  const key = keyer(config.redisPrefix);
  const deps: Deps = {
    ...first.deps,
    config,
    redis,
    key,
    audit: new Audit(first.deps.db, config.auditSecret),
    sessions: new SessionStore({ redis, key, secret: config.sessionSecret, idleSeconds: config.sessionIdleSeconds, absoluteSeconds: config.sessionAbsoluteSeconds }),
    queues: new Queues(redis, config.redisPrefix),
    metrics: new Metrics({ defaults: false }),
    rateLimits: new RateLimits(redis, config.redisPrefix),
  };
  const httpServer = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => httpServer.once('listening', () => resolve()));
  const { port } = httpServer.address() as AddressInfo;
  config.publicUrl = `http://localhost:${port}`;
  config.allowedOrigins.push(config.publicUrl);
  const realtime = await startRealtime(httpServer as never, deps, SOCKET_DOMAINS);
  deps.io = realtime.io as never;
  return {
    url: config.publicUrl,
    deps,
    async close() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await realtime.close();
      await closed;
      await deps.queues.close();
      await redis.quit().catch(() => undefined);
    },
  };
}
