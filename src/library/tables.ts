import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LibraryFormat, LibraryKind } from '../contracts/library.ts';

// Drizzle view of src/platform/db/migrations/1400_questions_library.sql (keep the two in step).

export const libraryEntries = pgTable('library_entries', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  kind: text().$type<LibraryKind>().notNull(),
  title: text().notNull(),
  summary: text().notNull(),
  organization: text().notNull(),
  url: text(),
  domain: text(),
  family: text(),
  language: text().notNull(),
  format: text().$type<LibraryFormat>(),
  reviewedOn: date('reviewed_on').notNull(),
  reviewer: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
