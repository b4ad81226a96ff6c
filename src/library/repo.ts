import { and, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { libraryEntries } from './tables.ts';

export type LibraryRow = typeof libraryEntries.$inferSelect;

export async function entriesOf(db: Db, orgId: string) {
  return db.select().from(libraryEntries).where(eq(libraryEntries.orgId, orgId)).orderBy(libraryEntries.title);
}

export async function findEntry(db: Db, orgId: string, id: string) {
  const [row] = await db.select().from(libraryEntries).where(and(eq(libraryEntries.orgId, orgId), eq(libraryEntries.id, id)));
  return row;
}

export async function insertEntries(db: Db, rows: Array<typeof libraryEntries.$inferInsert>) {
  if (rows.length) await db.insert(libraryEntries).values(rows);
}

export async function markReviewed(db: Db, orgId: string, id: string, review: { reviewedOn: string; reviewer: string }) {
  return db.update(libraryEntries).set(review).where(and(eq(libraryEntries.orgId, orgId), eq(libraryEntries.id, id))).returning({ id: libraryEntries.id });
}
