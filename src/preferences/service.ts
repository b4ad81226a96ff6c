import { eq } from 'drizzle-orm';
import type { QuietHours } from '../contracts/preferences.ts';
import type { Actor, Deps } from '../platform/context.ts';
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
