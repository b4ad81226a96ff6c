import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../contracts/common.ts';

export const invitations = pgTable('invitations', {
  id: uuid().primaryKey(),
  tokenHash: text('token_hash').notNull(),
  orgId: uuid('org_id').notNull(),
  email: text().notNull(),
  name: text().notNull(),
  role: text().$type<Role>().notNull(),
  locale: text().notNull().default('en'),
  patientId: uuid('patient_id'),
  navigatorId: uuid('navigator_id'),
  createdBy: uuid('created_by').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
