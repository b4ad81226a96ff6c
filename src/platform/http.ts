import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { routePath } from 'hono/route';
import type { AppEnv, Deps } from './context.ts';
import { AppError } from './errors.ts';
import { SESSION_COOKIE } from './session.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State-changing requests must come from our own origin (SECURITY.md S3). Browsers send Origin on every
 * cross-origin request and on same-origin POSTs; Sec-Fetch-Site covers the rest. Clients that are not
 * browsers send neither and rely on the SameSite cookie not being sent cross-site.
 */
export function originCheck(allowed: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && !allowed.includes(origin)) throw new AppError('forbidden', 'Cross-origin request refused.');
      if (origin === undefined && c.req.header('sec-fetch-site') === 'cross-site') throw new AppError('forbidden', 'Cross-origin request refused.');
    }
    await next();
  };
}

/** Resolves the session cookie to the acting user; an absent or expired session leaves the actor null. */
export function sessionActor(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await c.get('deps').sessions.touch(token) : null;
    // A session still waiting for its second factor acts as nobody; only the MFA routes read it.
    const session = found?.pending ? null : found;
    c.set('pendingSession', found?.pending ? found : null);
    c.set(
      'actor',
      session ? { userId: session.userId, role: session.role, orgId: session.orgId, sessionId: session.id, requestId: c.get('requestId') } : null,
    );
    await next();
  };
}

/** One access-log line and one latency sample per request: method, route pattern, status, ms. No PHI. */
export function observe(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // After next(), the current route index is the handler that answered: its pattern, not the URL.
    const route = routePath(c) || 'unmatched';
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    deps.logger.info(
      { requestId: c.get('requestId'), clientRequestId: c.get('clientRequestId'), method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000), actor: c.get('actor')?.userId },
      'request',
    );
  };
}
