import { and, asc, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { sites, users } from '../people/tables.ts';
import {
  appointmentParticipants,
  appointmentReminders,
  appointments,
  calendarFeeds,
  reminderPreferences,
  reminderSettings,
  siteTravelTimes,
  treatmentPlanItems,
  type ParticipantRole,
} from './tables.ts';

export type AppointmentRow = typeof appointments.$inferSelect;
export type ReminderRow = typeof appointmentReminders.$inferSelect;

export const findAppointment = async (db: Db, id: string) => (await db.select().from(appointments).where(eq(appointments.id, id)))[0];

/** Locks the row for a change, so two concurrent reschedules serialize on the version. */
export const lockAppointment = async (db: Db, id: string) => (await db.select().from(appointments).where(eq(appointments.id, id)).for('update'))[0];

export const insertAppointment = (db: Db, row: typeof appointments.$inferInsert) => db.insert(appointments).values(row);

export const updateAppointment = (db: Db, id: string, set: Partial<typeof appointments.$inferInsert>) =>
  db.update(appointments).set({ ...set, updatedAt: new Date() }).where(eq(appointments.id, id)).returning();

export async function participantsOf(db: Db, appointmentIds: string[]) {
  if (appointmentIds.length === 0) return [];
  return db
    .select({ appointmentId: appointmentParticipants.appointmentId, userId: appointmentParticipants.userId, role: appointmentParticipants.role, userRole: users.role })
    .from(appointmentParticipants)
    .innerJoin(users, eq(users.id, appointmentParticipants.userId))
    .where(inArray(appointmentParticipants.appointmentId, appointmentIds));
}

export async function replaceParticipants(db: Db, appointmentId: string, rows: Array<{ userId: string; role: ParticipantRole }>) {
  await db.delete(appointmentParticipants).where(eq(appointmentParticipants.appointmentId, appointmentId));
  if (rows.length) await db.insert(appointmentParticipants).values(rows.map((r) => ({ appointmentId, ...r })));
}

export function listForPatient(db: Db, patientId: string, opts: { includeCancelled: boolean }) {
  const where = opts.includeCancelled ? eq(appointments.patientId, patientId) : and(eq(appointments.patientId, patientId), ne(appointments.status, 'cancelled'));
  return db.select().from(appointments).where(where).orderBy(asc(appointments.startsAt));
}

/** Appointments a user takes part in (their calendar feed), from `since` on. */
export function listForParticipant(db: Db, userId: string, since: Date) {
  return db
    .select({ a: appointments })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .where(and(eq(appointmentParticipants.userId, userId), gte(appointments.endsAt, since)))
    .orderBy(asc(appointments.startsAt))
    .limit(1000);
}

/** Other live appointments of the patient that touch [from, to): the conflict check's candidates. */
export function patientAppointmentsBetween(db: Db, patientId: string, from: Date, to: Date) {
  return db
    .select()
    .from(appointments)
    .where(and(eq(appointments.patientId, patientId), ne(appointments.status, 'cancelled'), lt(appointments.startsAt, to), sql`${appointments.endsAt} > ${from}`))
    .orderBy(asc(appointments.startsAt));
}

// Reminders -----------------------------------------------------------------------------------------

export const remindersOf = (db: Db, appointmentId: string) =>
  db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, appointmentId)).orderBy(asc(appointmentReminders.dueAt));

export const pendingRemindersOf = (db: Db, appointmentId: string) =>
  db.select().from(appointmentReminders).where(and(eq(appointmentReminders.appointmentId, appointmentId), eq(appointmentReminders.status, 'pending')));

export const findReminder = async (db: Db, jobId: string) => (await db.select().from(appointmentReminders).where(eq(appointmentReminders.jobId, jobId)))[0];

export const insertReminders = async (db: Db, rows: Array<typeof appointmentReminders.$inferInsert>) => {
  if (rows.length) await db.insert(appointmentReminders).values(rows).onConflictDoNothing();
};

export const setReminderStatus = (db: Db, jobIds: string[], status: ReminderRow['status']) =>
  jobIds.length ? db.update(appointmentReminders).set({ status }).where(and(inArray(appointmentReminders.jobId, jobIds), eq(appointmentReminders.status, 'pending'))) : Promise.resolve();

export const markReminderSent = (db: Db, jobId: string) =>
  db.update(appointmentReminders).set({ status: 'sent', sentAt: new Date() }).where(eq(appointmentReminders.jobId, jobId));

export const findSettings = async (db: Db, orgId: string) => (await db.select().from(reminderSettings).where(eq(reminderSettings.orgId, orgId)))[0];

export async function upsertSettings(db: Db, row: typeof reminderSettings.$inferInsert) {
  await db
    .insert(reminderSettings)
    .values(row)
    .onConflictDoUpdate({ target: reminderSettings.orgId, set: { offsetsMinutes: row.offsetsMinutes, quietStart: row.quietStart, quietEnd: row.quietEnd, updatedBy: row.updatedBy, updatedAt: new Date() } });
}

export const findPreferences = async (db: Db, userId: string) => (await db.select().from(reminderPreferences).where(eq(reminderPreferences.userId, userId)))[0];

export async function upsertPreferences(db: Db, row: typeof reminderPreferences.$inferInsert) {
  const { userId: _userId, ...set } = row;
  await db.insert(reminderPreferences).values(row).onConflictDoUpdate({ target: reminderPreferences.userId, set: { ...set, updatedAt: new Date() } });
}

// Treatment plan, travel times, calendar feeds ------------------------------------------------------------

export const treatmentItemsOf = (db: Db, patientId: string) =>
  db.select().from(treatmentPlanItems).where(eq(treatmentPlanItems.patientId, patientId)).orderBy(asc(treatmentPlanItems.startsAt));

export const findTreatmentItem = async (db: Db, id: string) => (await db.select().from(treatmentPlanItems).where(eq(treatmentPlanItems.id, id)))[0];

export const insertTreatmentItem = (db: Db, row: typeof treatmentPlanItems.$inferInsert) => db.insert(treatmentPlanItems).values(row);

export const updateTreatmentItem = (db: Db, id: string, set: Partial<typeof treatmentPlanItems.$inferInsert>) =>
  db.update(treatmentPlanItems).set(set).where(eq(treatmentPlanItems.id, id)).returning();

export const travelTimesOf = (db: Db, orgId: string) => db.select().from(siteTravelTimes).where(eq(siteTravelTimes.orgId, orgId));

export async function upsertTravelTime(db: Db, row: typeof siteTravelTimes.$inferInsert) {
  await db
    .insert(siteTravelTimes)
    .values(row)
    .onConflictDoUpdate({ target: [siteTravelTimes.siteA, siteTravelTimes.siteB], set: { minutes: row.minutes, updatedBy: row.updatedBy, updatedAt: new Date() } });
}

export const activeFeedOf = async (db: Db, userId: string) =>
  (await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))))[0];

export const feedByTokenHash = async (db: Db, tokenHash: string) =>
  (await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt))))[0];

export const revokeFeeds = (db: Db, userId: string) =>
  db.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).returning();

export const insertFeed = (db: Db, row: typeof calendarFeeds.$inferInsert) => db.insert(calendarFeeds).values(row);

// Sites are the people domain's table and it has no service function for them yet; this read-only
// query is the only place appointments touch it (lead: candidate for people/service.ts).
export const sitesByIds = async (db: Db, ids: string[]) =>
  ids.length ? db.select({ id: sites.id, orgId: sites.orgId, name: sites.name, city: sites.city, timezone: sites.timezone }).from(sites).where(inArray(sites.id, ids)) : [];
export const orgSites = (db: Db, orgId: string) =>
  db.select({ id: sites.id, name: sites.name, city: sites.city, timezone: sites.timezone }).from(sites).where(eq(sites.orgId, orgId)).orderBy(asc(sites.name));

export async function appointmentsWithPendingReminders(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: appointmentReminders.appointmentId }).from(appointmentReminders).where(eq(appointmentReminders.status, 'pending'));
  return rows.map((r) => r.id);
}


/**
 * Whether a chemotherapy item of the patient's plan covers `at`: started, not cancelled, and ended less
 * than `afterDays` ago (neutropenia outlasts the last dose; an item without an end counts from its start).
 */
export async function chemotherapyCovers(db: Db, patientId: string, at: Date, afterDays: number): Promise<boolean> {
  const since = new Date(at.getTime() - afterDays * 86_400_000);
  const rows = await db
    .select({ id: treatmentPlanItems.id })
    .from(treatmentPlanItems)
    .where(and(eq(treatmentPlanItems.patientId, patientId), eq(treatmentPlanItems.kind, 'chemotherapy'), ne(treatmentPlanItems.status, 'cancelled'), lt(treatmentPlanItems.startsAt, at), gte(sql`coalesce(${treatmentPlanItems.endsAt}, ${treatmentPlanItems.startsAt})`, since)))
    .limit(1);
  return rows.length > 0;
}
