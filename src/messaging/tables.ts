import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ThreadKind } from '../contracts/messaging.ts';

// Drizzle view of src/platform/db/migrations/0100_messaging.sql (keep the two in step).

export const messageThreads = pgTable('message_threads', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  kind: text().$type<ThreadKind>().notNull(),
  patientId: uuid('patient_id'),
  consultationId: uuid('consultation_id'),
  directKey: text('direct_key'),
  assignedNavigatorId: uuid('assigned_navigator_id'),
  createdBy: uuid('created_by'),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  awaitingReply: boolean('awaiting_reply').notNull().default(false),
  urgent: boolean().notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const messageThreadMembers = pgTable(
  'message_thread_members',
  {
    threadId: uuid('thread_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text().notNull(),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    muted: boolean().notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] })],
);

export const messages = pgTable('messages', {
  id: uuid().primaryKey(),
  threadId: uuid('thread_id').notNull(),
  seq: bigint({ mode: 'number' }).notNull(),
  senderId: uuid('sender_id'),
  clientId: uuid('client_id'),
  kind: text().$type<'user' | 'auto' | 'system'>().notNull(),
  body: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const messageAttachments = pgTable('message_attachments', {
  id: uuid().primaryKey(),
  threadId: uuid('thread_id').notNull(),
  uploaderId: uuid('uploader_id').notNull(),
  messageId: uuid('message_id'),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').$type<'application/pdf' | 'image/jpeg' | 'image/png'>().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
