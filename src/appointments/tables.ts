import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type AppointmentKind = 'in_person' | 'video' | 'phone';
export type AppointmentStatus = 'scheduled' | 'confirmed' | 'change_requested' | 'cancelled';
export type ParticipantRole = 'patient' | 'navigator' | 'specialist' | 'interpreter' | 'caregiver' | 'other';

export interface Logistics {
  interpreterNeeded: boolean;
  interpreterLanguage?: string | undefined;
  travelNotes?: string | undefined;
  lodgingNotes?: string | undefined;
  bring: string[];
}

export const appointments = pgTable('appointments', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  kind: text().$type<AppointmentKind>().notNull(),
  title: text(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  siteId: uuid('site_id'),
  status: text().$type<AppointmentStatus>().notNull(),
  /** Rises on every reschedule; reminder job ids carry it, so an old job can never fire for a new time. */
  version: integer().notNull().default(1),
  changeReason: text('change_reason'),
  changeRequestedBy: uuid('change_requested_by'),
  logistics: jsonb().$type<Logistics>().notNull(),
  /** Per-user iCalendar SEQUENCE: rises on every change the calendar should pick up. */
  sequence: integer().notNull().default(0),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});

export const appointmentParticipants = pgTable(
  'appointment_participants',
  {
    appointmentId: uuid('appointment_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text().$type<ParticipantRole>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.userId] })],
);

/** One row per planned reminder: the BullMQ delayed job with the same id does the waiting. */
export const appointmentReminders = pgTable('appointment_reminders', {
  jobId: text('job_id').primaryKey(),
  appointmentId: uuid('appointment_id').notNull(),
  userId: uuid('user_id').notNull(),
  offsetMinutes: integer('offset_minutes').notNull(),
  version: integer().notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  status: text().$type<'pending' | 'sent' | 'cancelled' | 'skipped'>().notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

/** At most once per reminder and channel: written before sending, marked sent after (S13). */
export const reminderDeliveries = pgTable('reminder_deliveries', {
  key: text().primaryKey(),
  jobId: text('job_id').notNull(),
  channel: text().$type<'email' | 'sms' | 'inapp'>().notNull(),
  status: text().$type<'sending' | 'sent'>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export const reminderSettings = pgTable('reminder_settings', {
  orgId: uuid('org_id').primaryKey(),
  offsetsMinutes: integer('offsets_minutes').array().notNull(),
  quietStart: text('quiet_start').notNull(),
  quietEnd: text('quiet_end').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A user's reminder channels; SMS needs a phone number the user (or their navigator) entered. */
export const reminderPreferences = pgTable('reminder_preferences', {
  userId: uuid('user_id').primaryKey(),
  email: boolean().notNull().default(true),
  inapp: boolean().notNull().default(true),
  sms: boolean().notNull().default(false),
  phone: text(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TreatmentKind = 'surgery' | 'chemotherapy' | 'radiotherapy' | 'other';

export const treatmentPlanItems = pgTable('treatment_plan_items', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  kind: text().$type<TreatmentKind>().notNull(),
  label: text(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  cycle: integer(),
  cyclesTotal: integer('cycles_total'),
  siteId: uuid('site_id'),
  status: text().$type<'planned' | 'done' | 'cancelled'>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Travel time the navigator recorded between two sites; stored once per unordered pair (a < b). */
export const siteTravelTimes = pgTable(
  'site_travel_times',
  {
    siteA: uuid('site_a').notNull(),
    siteB: uuid('site_b').notNull(),
    orgId: uuid('org_id').notNull(),
    minutes: integer().notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.siteA, t.siteB] })],
);

/** A private iCalendar feed per user: only the SHA-256 of the secret token is stored. */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid().primaryKey(),
  userId: uuid('user_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
