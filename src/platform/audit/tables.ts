import { bigserial, boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
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
  prevHash: text('prev_hash').notNull(),
  hash: text().notNull(),
});
