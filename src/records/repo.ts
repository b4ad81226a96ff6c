import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { patientDocuments } from './tables.ts';

export type DocumentRow = typeof patientDocuments.$inferSelect;

export async function insertDocument(db: Db, row: typeof patientDocuments.$inferInsert) {
  await db.insert(patientDocuments).values(row);
}

export async function documentsOf(db: Db, patientId: string) {
  return db.select().from(patientDocuments).where(eq(patientDocuments.patientId, patientId)).orderBy(asc(patientDocuments.createdAt));
}

export async function findDocument(db: Db, patientId: string, id: string) {
  const [row] = await db.select().from(patientDocuments).where(and(eq(patientDocuments.id, id), eq(patientDocuments.patientId, patientId)));
  return row;
}

export async function updateDocument(db: Db, id: string, set: Partial<Pick<DocumentRow, 'kind' | 'title' | 'documentDate'>>) {
  await db.update(patientDocuments).set(set).where(eq(patientDocuments.id, id));
}

export async function deleteDocument(db: Db, id: string) {
  await db.delete(patientDocuments).where(eq(patientDocuments.id, id));
}
