import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { InappNotificationView } from '../contracts/notifications.ts';
import type { Deps } from '../platform/context.ts';
import { inappNotifications } from './tables.ts';

const LIST_LIMIT = 100;

/** Only in-app paths become links: a stored absolute URL (or `//host`) would send people elsewhere. */
function safeLink(link: unknown): string {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') ? link : '/';
}

/** The user's newest in-app notifications (a notification names its subject, never health details). */
export async function listInapp(deps: Deps, userId: string, unreadOnly: boolean): Promise<InappNotificationView[]> {
  const where = unreadOnly ? and(eq(inappNotifications.userId, userId), isNull(inappNotifications.readAt)) : eq(inappNotifications.userId, userId);
  const rows = await deps.db.select().from(inappNotifications).where(where).orderBy(desc(inappNotifications.createdAt), desc(inappNotifications.id)).limit(LIST_LIMIT);
  return rows.map((r) => ({ id: r.id, template: r.template, link: safeLink(r.refs.link), createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null }));
}

export async function unreadCount(deps: Deps, userId: string): Promise<number> {
  const [row] = await deps.db.select({ n: count() }).from(inappNotifications).where(and(eq(inappNotifications.userId, userId), isNull(inappNotifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the user's own notifications read; ids of someone else's are ignored like missing ones. */
export async function markInappRead(deps: Deps, userId: string, target: { ids: string[] } | { all: true }): Promise<number> {
  const mine = and(eq(inappNotifications.userId, userId), isNull(inappNotifications.readAt));
  const where = 'ids' in target ? and(mine, inArray(inappNotifications.id, target.ids)) : mine;
  const rows = await deps.db.update(inappNotifications).set({ readAt: new Date() }).where(where).returning({ id: inappNotifications.id });
  return rows.length;
}
