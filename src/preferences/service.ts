import { eq } from 'drizzle-orm';
import type { QuietHours } from '../contracts/preferences.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { getUser } from '../people/service.ts';
import { quietWindowAround } from '../platform/time.ts';
import { userQuietHours } from './tables.ts';

/**
 * A person's quiet hours (docs/decisions/0714-notification-preferences.md). Channels live with the
 * reminder preferences (appointments) and the language on the user; this domain keeps what neither has.
 * Notification delivery asks `quietHoursOf` when it decides whether a non-urgent message may wait.
 */
export async function quietHoursOf(deps: Deps, userId: string): Promise<QuietHours | null> {
  const [row] = await deps.db.select().from(userQuietHours).where(eq(userQuietHours.userId, userId));
  return row ? { start: row.starts, end: row.ends } : null;
}

/**
 * When a non-urgent e-mail or SMS to the person may go if it is due `at`: the end of the quiet period
 * containing `at` on the person's own clock (users.timezone), or null when `at` is outside their quiet
 * hours (or they set none). Urgent and crisis messages never ask (docs/decisions/0715).
 */
export async function quietUntil(deps: Deps, userId: string, at: Date): Promise<Date | null> {
  const quiet = await quietHoursOf(deps, userId);
  if (!quiet) return null;
  const user = await getUser(deps, userId);
  if (!user) return null;
  return quietWindowAround(at, user.timezone, quiet.start, quiet.end)?.end ?? null;
}

export async function setQuietHours(deps: Deps, actor: Actor, quiet: QuietHours | null): Promise<QuietHours | null> {
  await deps.db.transaction(async (tx) => {
    if (quiet) {
      const row = { userId: actor.userId, starts: quiet.start, ends: quiet.end, updatedAt: new Date() };
      await tx.insert(userQuietHours).values(row).onConflictDoUpdate({ target: userQuietHours.userId, set: { starts: row.starts, ends: row.ends, updatedAt: row.updatedAt } });
    } else {
      await tx.delete(userQuietHours).where(eq(userQuietHours.userId, actor.userId));
    }
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'quiet_hours.update', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { on: quiet !== null } }, tx as never);
  });
  return quietHoursOf(deps, actor.userId);
}
