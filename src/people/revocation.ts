import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import type { Deps } from '../platform/context.ts';
import { pushToUsers } from '../platform/push.ts';
import { createRedis } from '../platform/redis.ts';
import { peopleCache } from './cache.ts';

const CHANNEL = 'access-lost';

/** A user lost (or may have lost) their relationship with a patient: removal, revocation, handover, expiry. */
export const AccessLost = z.object({
  userId: Id,
  patientId: Id,
  reason: z.enum(['care_team', 'caregiver', 'navigator', 'break_glass']),
}).strict();
export type AccessLost = z.infer<typeof AccessLost>;

type Cleanup = (deps: Deps, lost: AccessLost) => Promise<void>;
const cleanups = new Set<Cleanup>();

/**
 * A domain's database cleanup when someone loses access (reassign their open alerts, void their unused
 * guest links). Registered once per module; run once, by the process that made the change.
 */
export const onAccessLost = (cleanup: Cleanup) => void cleanups.add(cleanup);

/**
 * Announces a loss of access everywhere (SECURITY.md S23): the domains' cleanups run here, the user's
 * sockets on every node hear `access:revoked`, and every node's watchers (video peers) act on it.
 * Watchers re-check the live decision first, so an announcement that turns out stale changes nothing.
 */
export async function accessLost(deps: Deps, lost: AccessLost): Promise<void> {
  // This node's cached answers first (a break-glass grant ends by time, with no row changing).
  peopleCache(deps.database).changed([lost.userId, lost.patientId]);
  // Live views first (the 1 s promise), then the database cleanups.
  pushToUsers(deps, [lost.userId], 'access:revoked', () => ({ patientId: lost.patientId }));
  await deps.redis.publish(deps.key(CHANNEL), JSON.stringify(lost));
  for (const cleanup of cleanups) {
    await cleanup(deps, lost).catch((err: Error) => deps.logger.error({ event: 'access-lost', reason: lost.reason, err: err.message }, 'access cleanup failed'));
  }
}

/**
 * Subscribes this node to losses of access (each node holds its own live video peers). Returns the
 * function that stops listening.
 */
export async function watchAccessLost(deps: Deps, watcher: (lost: AccessLost) => Promise<void>): Promise<() => Promise<void>> {
  const sub = createRedis(deps.config.redisUrl);
  sub.on('message', (_channel, raw: string) => {
    const parsed = AccessLost.safeParse(JSON.parse(raw));
    if (!parsed.success) return;
    watcher(parsed.data).catch((err: Error) => deps.logger.error({ event: 'access-lost', err: err.message }, 'access watcher failed'));
  });
  await sub.subscribe(deps.key(CHANNEL));
  return async () => void (await sub.quit().catch(() => undefined));
}

/**
 * A break-glass grant ends by time, not by an action: announce it at its expiry, so open sockets and
 * video peers close then too. In-process timer; a restart loses it, but every use re-checks anyway.
 */
export function scheduleBreakGlassExpiry(deps: Deps, grant: { userId: string; patientId: string; expiresAt: Date }) {
  const timer = setTimeout(() => {
    accessLost(deps, { userId: grant.userId, patientId: grant.patientId, reason: 'break_glass' }).catch((err: Error) =>
      deps.logger.warn({ event: 'access-lost', err: err.message }, 'break-glass expiry announcement failed'),
    );
  }, Math.max(0, grant.expiresAt.getTime() - Date.now()) + 50);
  timer.unref();
}
