import { asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { patientDocuments } from './tables.ts';

export type DocumentRow = typeof patientDocuments.$inferSelect;

export async function insertDocument(db: Db, row: typeof patientDocuments.$inferInsert) {
  await db.insert(patientDocuments).values(row);
}

export async function documentsOf(db: Db, patientId: string) {
  return db.select().from(patientDocuments).where(eq(patientDocuments.patientId, patientId)).orderBy(asc(patientDocuments.createdAt));
}
