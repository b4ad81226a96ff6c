import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Every request gets an id the server made: audit rows and logs must not carry a value a client chose.
 * A well-formed id the client sent is kept beside it (as `clientRequestId`) to correlate with its logs.
 */
export function serverRequestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('requestId', crypto.randomUUID());
    const sent = c.req.header('x-request-id');
    if (sent !== undefined && CLIENT_ID.test(sent)) c.set('clientRequestId', sent);
    c.header('X-Request-Id', c.get('requestId'));
    await next();
  };
}
