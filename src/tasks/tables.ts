import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DueSpec, RuleParams, SupportiveService, TaskSource, TaskStatus, TaskType } from '../contracts/tasks.ts';

export const navigationTasks = pgTable('navigation_tasks', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  type: text().$type<TaskType>().notNull(),
  service: text().$type<SupportiveService>(),
  title: text(),
  status: text().$type<TaskStatus>().notNull(),
  ownerId: uuid('owner_id'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  notes: text(),
  waitingOn: text('waiting_on'),
  cancelReason: text('cancel_reason'),
  sourceKind: text('source_kind').$type<TaskSource>().notNull(),
  sourceId: text('source_id'),
  ruleId: text('rule_id'),
  /** `<rule>:<event>`: unique, so an event replayed by a retried job creates nothing twice. */
  eventKey: text('event_key'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  doneAt: timestamp('done_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});

export const navigationTaskEvents = pgTable('navigation_task_events', {
  id: uuid().primaryKey(),
  taskId: uuid('task_id').notNull(),
  kind: text().$type<'created' | 'status' | 'assigned' | 'notes' | 'due'>().notNull(),
  actor: text().notNull(),
  fromValue: text('from_value'),
  toValue: text('to_value'),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const taskEventRules = pgTable('task_event_rules', {
  orgId: uuid('org_id').notNull(),
  ruleId: text('rule_id').notNull(),
  enabled: boolean().notNull(),
  due: jsonb().$type<DueSpec>().notNull(),
  params: jsonb().$type<RuleParams>().notNull(),
  note: text(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const supportiveServices = pgTable('supportive_services', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  siteId: uuid('site_id').notNull(),
  service: text().$type<SupportiveService>().notNull(),
  name: text().notNull(),
  contact: text().notNull(),
  languages: text().array().notNull(),
  howToRefer: text('how_to_refer').notNull(),
  hours: text().notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  removedAt: timestamp('removed_at', { withTimezone: true }),
});

export const goalsOfCare = pgTable('goals_of_care', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  version: integer().notNull(),
  whatMatters: text('what_matters').notNull(),
  worries: text().notNull(),
  preferredPlace: text('preferred_place').notNull(),
  decisionMaker: text('decision_maker').notNull(),
  documents: text().array().notNull(),
  language: text().notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const diseaseProgressions = pgTable('disease_progressions', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  occurredOn: date('occurred_on').notNull(),
  note: text().notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});
