import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { InstrumentId } from '../contracts/checkins.ts';
import type { Db } from '../platform/db/client.ts';
import { prepared } from '../platform/db/prepared.ts';
import { users } from '../people/tables.ts';
import { checkinRequests, checkins, checkinSchedules, palliativeChecklist, patientClinicalFlags } from './tables.ts';

export type CheckinRow = typeof checkins.$inferSelect;
export type RequestRow = typeof checkinRequests.$inferSelect;
export type ScheduleRow = typeof checkinSchedules.$inferSelect;

export const insertCheckin = (db: Db, row: typeof checkins.$inferInsert) => db.insert(checkins).values(row);

const previousCheckinQuery = prepared((db) =>
  db
    .select()
    .from(checkins)
    .where(and(eq(checkins.patientId, sql.placeholder('patientId')), eq(checkins.instrument, sql.placeholder('instrument'))))
    .orderBy(desc(checkins.submittedAt))
    .limit(1)
    .prepare('checkins_previous'),
);

export async function previousCheckin(db: Db, patientId: string, instrument: InstrumentId): Promise<CheckinRow | undefined> {
  const [row] = await previousCheckinQuery(db).execute({ patientId, instrument });
  return row;
}

export const findCheckin = async (db: Db, id: string) => (await db.select().from(checkins).where(eq(checkins.id, id)))[0];

export const history = (db: Db, patientId: string, instrument: InstrumentId | undefined, since: Date) =>
  db
    .select()
    .from(checkins)
    .where(and(eq(checkins.patientId, patientId), gte(checkins.submittedAt, since), ...(instrument ? [eq(checkins.instrument, instrument)] : [])))
    .orderBy(asc(checkins.submittedAt))
    .limit(1000);

export async function latestPerInstrument(db: Db, patientId: string): Promise<CheckinRow[]> {
  const rows = await db
    .selectDistinctOn([checkins.instrument])
    .from(checkins)
    .where(eq(checkins.patientId, patientId))
    .orderBy(checkins.instrument, desc(checkins.submittedAt));
  return rows;
}

export const getSchedule = async (db: Db, patientId: string) => (await db.select().from(checkinSchedules).where(eq(checkinSchedules.patientId, patientId)))[0];

export async function upsertSchedule(db: Db, row: Omit<typeof checkinSchedules.$inferInsert, 'version'>) {
  const [saved] = await db
    .insert(checkinSchedules)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: checkinSchedules.patientId,
      set: { frequency: row.frequency, instruments: row.instruments, hour: row.hour, timezone: row.timezone, active: row.active ?? true, updatedBy: row.updatedBy, updatedAt: new Date(), version: sql`${checkinSchedules.version} + 1` },
    })
    .returning();
  return saved!;
}

export async function insertRequest(db: Db, row: typeof checkinRequests.$inferInsert): Promise<RequestRow> {
  await db.insert(checkinRequests).values(row).onConflictDoNothing();
  const [saved] = await db.select().from(checkinRequests).where(and(eq(checkinRequests.patientId, row.patientId), eq(checkinRequests.occurrence, row.occurrence)));
  return saved!;
}

export const findRequest = async (db: Db, id: string) => (await db.select().from(checkinRequests).where(eq(checkinRequests.id, id)))[0];

export const openRequests = (db: Db, patientId: string) =>
  db.select().from(checkinRequests).where(and(eq(checkinRequests.patientId, patientId), isNull(checkinRequests.completedAt))).orderBy(asc(checkinRequests.dueAt));

/**
 * Completes the patient's due requests that this check-in finishes: every instrument a request asked
 * for has been answered since it was due. A statement for `writeAsOne` beside the check-in's insert, whose
 * row it cannot see (one snapshot), so this check-in's instrument counts explicitly.
 */
export const completeDueRequests = (db: Db, patientId: string, checkinId: string, instrument: InstrumentId, at: Date) =>
  db
    .update(checkinRequests)
    .set({ completedAt: at, checkinId })
    .where(
      and(
        eq(checkinRequests.patientId, patientId),
        isNull(checkinRequests.completedAt),
        lte(checkinRequests.dueAt, at),
        sql`not exists (select 1 from unnest(${checkinRequests.instruments}) as asked(instrument) where asked.instrument <> ${instrument}
          and not exists (select 1 from ${checkins} where ${checkins.patientId} = ${patientId} and ${checkins.instrument} = asked.instrument and ${checkins.submittedAt} >= ${checkinRequests.dueAt}))`,
      ),
    );

/** Marks a request's reminder or task as done once; false if it was already done or the request is complete. */
export async function markRequest(db: Db, id: string, field: 'remindedAt' | 'taskRaisedAt'): Promise<boolean> {
  const col = field === 'remindedAt' ? checkinRequests.remindedAt : checkinRequests.taskRaisedAt;
  const rows = await db.update(checkinRequests).set({ [field]: new Date() }).where(and(eq(checkinRequests.id, id), isNull(col), isNull(checkinRequests.completedAt))).returning({ id: checkinRequests.id });
  return rows.length > 0;
}

export const requestsDueBetween = (db: Db, patientIds: string[], from: Date, to: Date) =>
  patientIds.length ? db.select().from(checkinRequests).where(and(inArray(checkinRequests.patientId, patientIds), gte(checkinRequests.dueAt, from), lte(checkinRequests.dueAt, to))) : Promise.resolve([]);

export const checkinsBetween = (db: Db, patientIds: string[], from: Date) =>
  patientIds.length ? db.select({ id: checkins.id, patientId: checkins.patientId, submittedAt: checkins.submittedAt }).from(checkins).where(and(inArray(checkins.patientId, patientIds), gte(checkins.submittedAt, from))) : Promise.resolve([]);

export const checklist = (db: Db, patientId: string) => db.select().from(palliativeChecklist).where(eq(palliativeChecklist.patientId, patientId));

export const setChecklist = (db: Db, row: typeof palliativeChecklist.$inferInsert) =>
  db
    .insert(palliativeChecklist)
    .values(row)
    .onConflictDoUpdate({ target: [palliativeChecklist.patientId, palliativeChecklist.criterion], set: { checked: row.checked, updatedBy: row.updatedBy, updatedAt: new Date() } });

export const clinicalFlags = async (db: Db, patientId: string) => (await db.select().from(patientClinicalFlags).where(eq(patientClinicalFlags.patientId, patientId)))[0];

export const setClinicalFlags = (db: Db, row: { patientId: string; onSystemicTherapy: boolean; updatedBy: string }) =>
  db.insert(patientClinicalFlags).values({ ...row, updatedAt: new Date() }).onConflictDoUpdate({ target: patientClinicalFlags.patientId, set: { onSystemicTherapy: row.onSystemicTherapy, updatedBy: row.updatedBy, updatedAt: new Date() } });

/** An organization's check-ins since a time, oldest first (for replaying them under draft rules). */
export const orgCheckinsSince = (db: Db, orgId: string, since: Date) =>
  db
    .select({ id: checkins.id, patientId: checkins.patientId, instrument: checkins.instrument, scores: checkins.scores, submittedAt: checkins.submittedAt })
    .from(checkins)
    .innerJoin(users, eq(users.id, checkins.patientId))
    .where(and(eq(users.orgId, orgId), gte(checkins.submittedAt, since)))
    .orderBy(asc(checkins.submittedAt));

export const checkinScoresByIds = (db: Db, ids: string[]) =>
  ids.length ? db.select({ id: checkins.id, scores: checkins.scores }).from(checkins).where(inArray(checkins.id, ids)) : Promise.resolve([]);
