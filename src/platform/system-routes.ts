import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { AppError } from './errors.ts';
import type { AppEnv } from './context.ts';
import { publicRoute } from './policy.ts';

/** Liveness, readiness and metrics for operators and load balancers. */
export const systemRoutes = new Hono<AppEnv>()
  .get('/healthz', publicRoute(), (c) => c.json({ status: 'ok' }))
  .get('/readyz', publicRoute(), async (c) => {
    const deps = c.get('deps');
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
        return 'ok';
      } catch {
        return 'down';
      }
    };
    const [database, redis] = await Promise.all([
      check(() => deps.database.ping()),
      check(() => deps.redis.ping()),
    ]);
    const sfu = deps.video?.status() ?? 'unavailable';
    // Video is never a readiness failure: without an SFU worker calls run as a mesh of up to four.
    const video = deps.video?.mode() ?? 'mesh';
    const ready = database === 'ok' && redis === 'ok';
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: { database, redis, sfu, video } }, ready ? 200 : 503);
  })
  .get('/metrics', publicRoute(), async (c) => {
    const deps = c.get('deps');
    // Operators' data (routes, queue depths, socket counts) is for Prometheus only: a bearer token from
    // the environment, compared in constant time; without one configured the endpoint does not exist.
    const token = deps.config.metricsToken;
    if (!token) throw new AppError('not_found');
    const sent = Buffer.from(c.req.header('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized');
    }
    if (deps.io) deps.metrics.sockets.set(deps.io.engine.clientsCount);
    const text = await deps.metrics.render({ queueDepths: () => deps.queues.depths(), redis: deps.redis, key: deps.key });
    return c.text(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });
