import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const notificationDeliveries = pgTable('notification_deliveries', {
  jobKey: text('job_key').primaryKey(),
  userId: uuid('user_id').notNull(),
  channel: text().notNull(),
  template: text().notNull(),
  status: text().$type<'sending' | 'sent'>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export const inappNotifications = pgTable('inapp_notifications', {
  id: uuid().primaryKey(),
  userId: uuid('user_id').notNull(),
  template: text().notNull(),
  refs: jsonb().$type<Record<string, string>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});
