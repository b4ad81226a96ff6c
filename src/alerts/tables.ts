import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AlertReason, AlertSeverity, AlertSource, AlertStatus } from '../contracts/alerts.ts';

export const alerts = pgTable('alerts', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  severity: text().$type<AlertSeverity>().notNull(),
  source: text().$type<AlertSource>().notNull(),
  sourceId: text('source_id').notNull(),
  ruleId: text('rule_id').notNull(),
  ruleSetId: uuid('rule_set_id'),
  reasons: jsonb().$type<AlertReason[]>().notNull(),
  status: text().$type<AlertStatus>().notNull(),
  assignedTo: uuid('assigned_to'),
  escalationLevel: integer('escalation_level').notNull().default(0),
  overdue: boolean().notNull().default(false),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  resolutionAction: text('resolution_action'),
  resolutionNote: text('resolution_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const alertEvents = pgTable('alert_events', {
  id: uuid().primaryKey(),
  alertId: uuid('alert_id').notNull(),
  step: text().notNull(),
  kind: text().notNull(),
  actor: text().notNull(),
  targetUser: uuid('target_user'),
  details: jsonb().$type<Record<string, string | number | boolean | null>>(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const alertSnoozes = pgTable('alert_snoozes', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  ruleId: text('rule_id').notNull(),
  until: timestamp({ withTimezone: true }).notNull(),
  reason: text().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const onCallRota = pgTable('on_call_rota', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
