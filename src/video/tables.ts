import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time links that let a guest without an account (an interpreter, a family member) into one room.
 * Only the SHA-256 of the token is stored; `used_at` is set once, atomically, when the link is redeemed.
 */
export const videoGuestLinks = pgTable('video_guest_links', {
  id: uuid().primaryKey(),
  roomKind: text('room_kind').notNull(),
  roomId: uuid('room_id').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  guestName: text('guest_name').notNull(),
  guestRole: text('guest_role').$type<'interpreter' | 'family'>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
