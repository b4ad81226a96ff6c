import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../contracts/common.ts';
import { AppError } from './errors.ts';
import type { Actor, AppEnv } from './context.ts';

/** Marks a middleware as a route's declared policy; the route-table test requires one on every route. */
export const POLICY = Symbol.for('wayfinder.policy');

export type PolicyMiddleware = MiddlewareHandler<AppEnv> & { [POLICY]: string };

function mark(name: string, fn: MiddlewareHandler<AppEnv>): PolicyMiddleware {
  return Object.assign(fn, { [POLICY]: name });
}

/** Anyone, signed in or not (login, health checks, invitation acceptance). */
export const publicRoute = () => mark('public', async (_c, next) => next());

/** Any signed-in user; object-level checks happen in the service. */
export const authenticated = () =>
  mark('authenticated', async (c, next) => {
    if (!c.get('actor')) throw new AppError('unauthorized');
    await next();
  });

/** Signed-in users with one of these roles. */
export const allow = (...roles: Role[]) =>
  mark(`roles:${roles.join(',')}`, async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new AppError('unauthorized');
    if (!roles.includes(actor.role)) throw new AppError('forbidden');
    await next();
  });

/** The actor of a route behind a policy that requires one. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthorized');
  return actor;
}
