import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { videoGuestLinks } from './tables.ts';

export async function insertGuestLink(db: Db, row: typeof videoGuestLinks.$inferInsert) {
  await db.insert(videoGuestLinks).values(row);
}

/** Marks an unused, unexpired, unrevoked link used and returns it; null when it cannot be used (any reason). */
export async function redeemGuestLink(db: Db, tokenHash: string) {
  const [row] = await db
    .update(videoGuestLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(videoGuestLinks.tokenHash, tokenHash), isNull(videoGuestLinks.usedAt), isNull(videoGuestLinks.revokedAt), gt(videoGuestLinks.expiresAt, sql`now()`)))
    .returning();
  return row ?? null;
}

export async function revokeGuestLink(db: Db, id: string) {
  await db.update(videoGuestLinks).set({ revokedAt: sql`now()` }).where(and(eq(videoGuestLinks.id, id), isNull(videoGuestLinks.revokedAt)));
}

export async function revokeUnusedGuestLinks(db: Db, roomKind: string, roomId: string) {
  await db
    .update(videoGuestLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(videoGuestLinks.roomKind, roomKind), eq(videoGuestLinks.roomId, roomId), isNull(videoGuestLinks.usedAt), isNull(videoGuestLinks.revokedAt)));
}

export async function findGuestLink(db: Db, roomKind: string, roomId: string, id: string) {
  const [row] = await db.select().from(videoGuestLinks).where(and(eq(videoGuestLinks.id, id), eq(videoGuestLinks.roomKind, roomKind), eq(videoGuestLinks.roomId, roomId)));
  return row ?? null;
}

export function listGuestLinks(db: Db, roomKind: string, roomId: string) {
  return db.select().from(videoGuestLinks).where(and(eq(videoGuestLinks.roomKind, roomKind), eq(videoGuestLinks.roomId, roomId))).orderBy(desc(videoGuestLinks.createdAt));
}
