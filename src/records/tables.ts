import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DocumentKind } from '../contracts/records.ts';

// Drizzle view of src/platform/db/migrations/1401_patient_documents.sql (keep the two in step).

export const patientDocuments = pgTable('patient_documents', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  attachmentId: uuid('attachment_id').notNull(),
  kind: text().$type<DocumentKind>().notNull(),
  title: text().notNull(),
  documentDate: date('document_date'),
  uploadedBy: uuid('uploaded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
