import { bigint, bigserial, boolean, customType, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A 64-bit transaction id, read as text (it can exceed Number.MAX_SAFE_INTEGER). */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

export const auditLog = pgTable('audit_log', {
  // Drawn by the audit_log_stamp trigger after `tx` (migration 1500), never by the caller.
  seq: bigserial({ mode: 'number' }).primaryKey(),
  at: timestamp({ withTimezone: true }).notNull(),
  actor: text().notNull(),
  actorRole: text('actor_role'),
  action: text().notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  patientId: uuid('patient_id'),
  outcome: text().$type<'success' | 'denied' | 'failure'>().notNull(),
  requestId: text('request_id'),
  emergency: boolean().notNull().default(false),
  details: jsonb().$type<Record<string, string | number | boolean | null>>(),
  tx: xid8(),
});

/** Append-only: one row per sealed batch of audit rows, chained by `hash` (docs/decisions/0013). */
export const auditSeals = pgTable('audit_seals', {
  batch: bigint({ mode: 'number' }).primaryKey(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  seqs: bigint({ mode: 'number' }).array().notNull(),
  rowHashes: text('row_hashes').array().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text().notNull(),
});
