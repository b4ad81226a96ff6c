import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CaseReviewStatus, FollowUp, PacketKind, ReferralState, ReferralUrgency, ReferralType, Trial, TreatmentCode } from '../contracts/referrals.ts';

export * from '../directory/tables.ts';

export const referrals = pgTable('referrals', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  type: text().$type<ReferralType>().notNull(),
  state: text().$type<ReferralState>().notNull(),
  fromSiteId: uuid('from_site_id'),
  toSiteId: uuid('to_site_id'),
  urgency: text().$type<ReferralUrgency>().notNull().default('routine'),
  consentRequestedAt: timestamp('consent_requested_at', { withTimezone: true }),
  consentDeclinedAt: timestamp('consent_declined_at', { withTimezone: true }),
  domain: text(),
  icdoTopography: text('icdo_topography'),
  icdoMorphology: text('icdo_morphology'),
  question: text().notNull().default(''),
  createdBy: uuid('created_by').notNull(),
  navigatorId: uuid('navigator_id').notNull(),
  declineReason: text('decline_reason'),
  cancelReason: text('cancel_reason'),
  incompleteReason: text('incomplete_reason'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  overdueAlertId: text('overdue_alert_id'),
  /** The video appointment booked by scheduling a consultation (docs/decisions/0508). */
  consultAppointmentId: uuid('consult_appointment_id'),
  /** The specialist this referral put on the care team; null when they already were a member. */
  consultSpecialistId: uuid('consult_specialist_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const referralEvents = pgTable('referral_events', {
  id: uuid().primaryKey(),
  referralId: uuid('referral_id').notNull(),
  fromState: text('from_state').$type<ReferralState>(),
  toState: text('to_state').$type<ReferralState>().notNull(),
  actor: text().notNull(),
  reason: text(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const referralPacketItems = pgTable('referral_packet_items', {
  id: uuid().primaryKey(),
  referralId: uuid('referral_id').notNull(),
  kind: text().$type<PacketKind>().notNull(),
  source: text().$type<'attachment' | 'navigator'>().notNull(),
  attachmentId: uuid('attachment_id'),
  title: text().notNull(),
  body: text(),
  documentDate: date('document_date'),
  addedBy: uuid('added_by').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  removedAt: timestamp('removed_at', { withTimezone: true }),
});

export const referralConsents = pgTable('referral_consents', {
  id: uuid().primaryKey(),
  referralId: uuid('referral_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  method: text().$type<'in_app' | 'verbal' | 'written'>().notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  witness: text(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
});

export const referralDeadlineRules = pgTable(
  'referral_deadline_rules',
  {
    orgId: uuid('org_id').notNull(),
    type: text().$type<ReferralType>().notNull(),
    workingDays: integer('working_days').notNull(),
    reminderDays: integer('reminder_days').array().notNull(),
    /** The reply deadline of an urgent referral of this type; null: the same as a routine one. */
    urgentWorkingDays: integer('urgent_working_days'),
    setBy: uuid('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.type] })],
);

export const caseReviews = pgTable('case_reviews', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  siteId: uuid('site_id').notNull(),
  domain: text(),
  title: text().notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  durationMinutes: integer('duration_minutes').notNull().default(60),
  status: text().$type<CaseReviewStatus>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseReviewParticipants = pgTable(
  'case_review_participants',
  {
    caseReviewId: uuid('case_review_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text().$type<'host' | 'participant'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseReviewId, t.userId] })],
);

export const caseReviewItems = pgTable(
  'case_review_items',
  {
    caseReviewId: uuid('case_review_id').notNull(),
    referralId: uuid('referral_id').notNull(),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseReviewId, t.referralId] })],
);

export const referralRecommendations = pgTable('referral_recommendations', {
  id: uuid().primaryKey(),
  referralId: uuid('referral_id').notNull().unique(),
  caseReviewId: uuid('case_review_id'),
  diagnosis: text().$type<'confirmed' | 'revised'>().notNull(),
  revisedTopography: text('revised_topography'),
  revisedMorphology: text('revised_morphology'),
  treatment: text().array().$type<TreatmentCode[]>().notNull(),
  treatmentDetail: text('treatment_detail').notNull().default(''),
  trials: jsonb().$type<Trial[]>().notNull(),
  followUp: jsonb('follow_up').$type<FollowUp>().notNull(),
  noteForPatient: text('note_for_patient'),
  noteLanguage: text('note_language'),
  authoredBy: uuid('authored_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Codes entered by hand that the shipped ICD-O-3 table lacks (migration 1300): the administrator's gaps to add. */
export const referralCodingGaps = pgTable(
  'referral_coding_gaps',
  {
    orgId: uuid('org_id').notNull(),
    topography: text().notNull(),
    morphology: text().notNull(),
    seenCount: integer('seen_count').notNull().default(1),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.topography, t.morphology] })],
);
