import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Drizzle view of src/platform/db/migrations/1402_quiet_hours.sql (keep the two in step).

export const userQuietHours = pgTable('user_quiet_hours', {
  userId: uuid('user_id').primaryKey(),
  starts: text().notNull(),
  ends: text().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
