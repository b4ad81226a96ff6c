import { boolean, date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../contracts/common.ts';
import type { WorkingHours } from '../platform/time.ts';

export type { WorkingHours } from '../platform/time.ts';

export const organizations = pgTable('organizations', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  timezone: text().notNull(),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sites = pgTable('sites', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  name: text().notNull(),
  kind: text().$type<'reference_centre' | 'partner_hospital'>().notNull(),
  city: text().notNull(),
  timezone: text().notNull(),
  country: text(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});


export const users = pgTable('users', {
  id: uuid().primaryKey(),
  orgId: uuid('org_id').notNull(),
  email: text().notNull(),
  name: text().notNull(),
  role: text().$type<Role>().notNull(),
  locale: text().notNull().default('en'),
  timezone: text().notNull().default('UTC'),
  country: text(),
  passwordHash: text('password_hash'),
  isClinicalLead: boolean('is_clinical_lead').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const patients = pgTable('patients', {
  userId: uuid('user_id').primaryKey(),
  siteId: uuid('site_id'),
  navigatorId: uuid('navigator_id'),
  dateOfBirth: date('date_of_birth'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CareTeamRole = 'navigator' | 'specialist' | 'interpreter';

export const careTeamMembers = pgTable('care_team_members', {
  patientId: uuid('patient_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: text().$type<CareTeamRole>().notNull(),
  addedBy: uuid('added_by'),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  removedAt: timestamp('removed_at', { withTimezone: true }),
});

/** An open referral holding a care-team membership it made (docs/decisions/0510); none = a standing membership. */
export const careTeamReferralHolds = pgTable('care_team_referral_holds', {
  patientId: uuid('patient_id').notNull(),
  userId: uuid('user_id').notNull(),
  referralId: uuid('referral_id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caregiverGrants = pgTable('caregiver_grants', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  caregiverId: uuid('caregiver_id').notNull(),
  scopes: text().array().notNull(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const breakGlassGrants = pgTable('break_glass_grants', {
  id: uuid().primaryKey(),
  userId: uuid('user_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  reason: text().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
