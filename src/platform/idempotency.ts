import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './context.ts';
import { idempotencyKeys } from './db/idempotency-tables.ts';
import { AppError } from './errors.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;
const LOCK_MS = 30_000;
const WAIT_MS = 10_000;

interface Stored {
  fingerprint: string;
  body: unknown;
}

/**
 * `Idempotency-Key` on a POST (SECURITY.md S14, after draft-ietf-httpapi-idempotency-key-header):
 * the first request with a key runs and its answer (status < 500) is stored per actor, route and key;
 * a repeat gets the stored answer with `Idempotent-Replayed: true` and runs nothing. A repeat that
 * arrives while the first is still running waits for it (a Redis lock marks it in flight). The same
 * key with a different body is refused with `conflict`. Requests without the header pass through.
 * Place it after the route's policy middleware: it needs the actor.
 */
export function idempotent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY.test(key)) throw new AppError('invalid', 'Idempotency-Key must be 1-200 visible ASCII characters.');
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthorized');
    const deps = c.get('deps');
    const route = `${c.req.method} ${routePath(c)}`;
    const fingerprint = createHash('sha256').update(await c.req.text()).digest('hex');
    const where = and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key));
    const lock = deps.key('idem', actor.userId, createHash('sha256').update(`${route}\n${key}`).digest('hex'));

    const replay = async () => {
      const [row] = await deps.db.select().from(idempotencyKeys).where(where);
      if (!row) return undefined;
      const stored = row.response as Stored;
      if (stored.fingerprint !== fingerprint) throw new AppError('conflict', 'This Idempotency-Key was used with a different request.');
      c.header('Idempotent-Replayed', 'true');
      return stored.body === null ? c.body(null, row.status as 204) : c.json(stored.body as object, row.status as 200);
    };

    const done = await replay();
    if (done) return done;
    const deadline = Date.now() + WAIT_MS;
    while ((await deps.redis.set(lock, '1', 'PX', LOCK_MS, 'NX')) !== 'OK') {
      // Another request with this key is in flight: wait for its answer.
      if (Date.now() > deadline) throw new AppError('conflict', 'A request with this Idempotency-Key is still in progress.');
      await new Promise((r) => setTimeout(r, 50));
      const answer = await replay();
      if (answer) return answer;
    }
    try {
      const again = await replay();
      if (again) return again;
      await next();
      const res = c.res;
      if (res.status < 500) {
        const text = await res.clone().text();
        const body: unknown = text ? JSON.parse(text) : null;
        await deps.db.insert(idempotencyKeys).values({ key, actorId: actor.userId, route, status: res.status, response: { fingerprint, body } satisfies Stored }).onConflictDoNothing();
      }
    } finally {
      await deps.redis.del(lock);
    }
  };
}
