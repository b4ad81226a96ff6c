import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CheckinScores, Frequency, InstrumentId } from '../contracts/checkins.ts';
import type { CrisisData, Ladder, RuleDefinition, RuleSource } from '../contracts/rules.ts';

export const clinicalRuleSets = pgTable('clinical_rule_sets', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id'),
  version: integer().notNull(),
  rules: jsonb().$type<RuleDefinition[]>().notNull(),
  ladder: jsonb().$type<Ladder>().notNull(),
  crisis: jsonb().$type<CrisisData | LegacyCrisis>().notNull(),
  sources: jsonb().$type<RuleSource[]>().notNull(),
  note: text().notNull(),
  changeSource: text('change_source'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const checkinSchedules = pgTable('checkin_schedules', {
  patientId: uuid('patient_id').primaryKey(),
  frequency: text().$type<Frequency>().notNull(),
  instruments: text().array().$type<InstrumentId[]>().notNull(),
  hour: integer().notNull(),
  timezone: text().notNull(),
  active: boolean().notNull().default(true),
  version: integer().notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const checkinRequests = pgTable('checkin_requests', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  occurrence: text().notNull(),
  instruments: text().array().$type<InstrumentId[]>().notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  checkinId: uuid('checkin_id'),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  taskRaisedAt: timestamp('task_raised_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const checkins = pgTable('checkins', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  submittedBy: uuid('submitted_by').notNull(),
  instrument: text().$type<InstrumentId>().notNull(),
  answers: jsonb().$type<Record<string, unknown>>().notNull(),
  scores: jsonb().$type<CheckinScores>().notNull(),
  ruleSetId: uuid('rule_set_id').notNull(),
  requestId: uuid('request_id'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

export const palliativeChecklist = pgTable('palliative_checklist', {
  patientId: uuid('patient_id').notNull(),
  criterion: text().notNull(),
  checked: boolean().notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Crisis data of rule sets written before issue 16 (per locale); read as the product defaults. */
export interface LegacyCrisis {
  byLocale: Record<string, unknown>;
}

export const patientClinicalFlags = pgTable('patient_clinical_flags', {
  patientId: uuid('patient_id').primaryKey(),
  onSystemicTherapy: boolean('on_systemic_therapy').notNull().default(false),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
