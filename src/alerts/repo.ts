import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type Placeholder } from 'drizzle-orm';
import type { AlertSeverity, AlertStatus } from '../contracts/alerts.ts';
import type { Db } from '../platform/db/client.ts';
import { prepared } from '../platform/db/prepared.ts';
// Read-only joins: the on-call rota needs live accounts, and the caseload filter is one subquery.
import { careTeamMembers, users } from '../people/tables.ts';
import { alertEvents, alerts, alertSnoozes, onCallRota } from './tables.ts';

export type AlertRow = typeof alerts.$inferSelect;

export const findAlert = async (db: Db, id: string) => (await db.select().from(alerts).where(eq(alerts.id, id)))[0];

export const findBySource = async (db: Db, source: string, sourceId: string, ruleId: string) =>
  (await db.select().from(alerts).where(and(eq(alerts.source, source as never), eq(alerts.sourceId, sourceId), eq(alerts.ruleId, ruleId))))[0];

/** Inserts unless the (source, sourceId, ruleId) alert exists; returns the new row or undefined. */
export async function insertAlert(db: Db, row: typeof alerts.$inferInsert): Promise<AlertRow | undefined> {
  const [inserted] = await db.insert(alerts).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Statements not yet run (for `writeAsOne`): alerts and steps of a source that cannot have any yet. */
export const alertsInsert = (db: Db, rows: Array<typeof alerts.$inferInsert>) => db.insert(alerts).values(rows);
export const stepsInsert = (db: Db, rows: Array<typeof alertEvents.$inferInsert>) => db.insert(alertEvents).values(rows);

export async function updateAlert(db: Db, id: string, set: Partial<typeof alerts.$inferInsert>, expect?: AlertStatus[]) {
  const where = expect ? and(eq(alerts.id, id), inArray(alerts.status, expect)) : eq(alerts.id, id);
  return db.update(alerts).set({ ...set, updatedAt: new Date() }).where(where).returning();
}

/** Records a step once: returns the stored event (the first writer's, if the step already ran). */
export async function recordStep(db: Db, row: typeof alertEvents.$inferInsert) {
  const inserted = await db.insert(alertEvents).values(row).onConflictDoNothing().returning();
  if (inserted[0]) return { event: inserted[0], fresh: true };
  const [existing] = await db.select().from(alertEvents).where(and(eq(alertEvents.alertId, row.alertId), eq(alertEvents.step, row.step)));
  if (!existing) throw new Error('alert step vanished');
  return { event: existing, fresh: false };
}

export const eventsOf = (db: Db, alertId: string) => db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(asc(alertEvents.at));

export async function wasTargeted(db: Db, alertId: string, userId: string, kinds: string[]) {
  const [row] = await db.select({ id: alertEvents.id }).from(alertEvents).where(and(eq(alertEvents.alertId, alertId), eq(alertEvents.targetUser, userId), inArray(alertEvents.kind, kinds))).limit(1);
  return Boolean(row);
}

/** Open alerts created in a window whose first escalation step has not run (partial index, migration 2000). */
export const unescalated = (db: Db, from: Date, to: Date) =>
  db
    .select({ id: alerts.id, dueAt: alerts.dueAt })
    .from(alerts)
    .where(and(eq(alerts.status, 'open'), eq(alerts.escalationLevel, 0), gt(alerts.createdAt, from), lte(alerts.createdAt, to)))
    .limit(10_000);

export const openAssignedTo = (db: Db, patientId: string, userId: string) =>
  db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.assignedTo, userId), inArray(alerts.status, ['open', 'acknowledged'])));

/** The organization's on-call navigator at a time (a live account): the newest shift covering it. */
const onCallQuery = (db: Db, orgId: string | Placeholder, at: Date | Placeholder) =>
  db
    .select({ userId: onCallRota.userId })
    .from(onCallRota)
    .innerJoin(users, eq(users.id, onCallRota.userId))
    .where(and(eq(onCallRota.orgId, orgId), lte(onCallRota.startsAt, at), gt(onCallRota.endsAt, at), isNull(users.disabledAt)))
    .orderBy(desc(onCallRota.startsAt))
    .limit(1);

export async function onCallAt(db: Db, orgId: string, at: Date): Promise<string | null> {
  const [row] = await onCallQuery(db, orgId, at);
  return row?.userId ?? null;
}

export const rota = (db: Db, orgId: string, from: Date) =>
  db.select().from(onCallRota).where(and(eq(onCallRota.orgId, orgId), gt(onCallRota.endsAt, from))).orderBy(asc(onCallRota.startsAt)).limit(200);

export const insertShift = (db: Db, row: typeof onCallRota.$inferInsert) => db.insert(onCallRota).values(row);

const planReadsQuery = prepared((db) => {
  const p = sql.placeholder;
  return db
    .select({ snoozed: sql<string[] | null>`array_agg(${alertSnoozes.ruleId})`, onCall: sql<string | null>`(${onCallQuery(db, p('orgId'), p('at'))})` })
    .from(alertSnoozes)
    .where(and(eq(alertSnoozes.patientId, p('patientId')), gt(alertSnoozes.until, p('at'))))
    .prepare('alerts_plan_reads');
});

/**
 * What planning a patient's alerts reads, in one statement: the rule ids (and `rule#item` keys) snoozed
 * for the patient now, and the organization's on-call navigator (a live account) now.
 */
export async function planReads(db: Db, patientId: string, orgId: string, at: Date): Promise<{ snoozed: Set<string>; onCall: string | null }> {
  const [row] = await planReadsQuery(db).execute({ patientId, orgId, at });
  return { snoozed: new Set(row?.snoozed ?? []), onCall: row?.onCall ?? null };
}

export const insertSnooze = (db: Db, rows: Array<typeof alertSnoozes.$inferInsert>) => db.insert(alertSnoozes).values(rows);

const SEVERITY_ORDER = sql`case ${alerts.severity} when 'urgent' then 3 when 'high' then 2 else 1 end`;

/** Alerts of the user's caseload plus those routed to them; most severe, then most overdue, first. */
export async function listFor(db: Db, userId: string, filter: { statuses: AlertStatus[] | null; severity?: AlertSeverity | undefined; patientId?: string | undefined; assignedToMe: boolean }) {
  const caseload = db.select({ id: careTeamMembers.patientId }).from(careTeamMembers).where(and(eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt)));
  const mine = or(inArray(alerts.patientId, caseload), eq(alerts.assignedTo, userId));
  const conds = [filter.assignedToMe ? eq(alerts.assignedTo, userId) : mine];
  if (filter.statuses) conds.push(inArray(alerts.status, filter.statuses));
  if (filter.severity) conds.push(eq(alerts.severity, filter.severity));
  if (filter.patientId) conds.push(eq(alerts.patientId, filter.patientId));
  return db.select().from(alerts).where(and(...conds)).orderBy(desc(SEVERITY_ORDER), asc(alerts.dueAt), asc(alerts.createdAt)).limit(500);
}

export const patientAlerts = (db: Db, patientId: string, since: Date) =>
  db.select().from(alerts).where(and(eq(alerts.patientId, patientId), gt(alerts.createdAt, since))).orderBy(desc(alerts.createdAt)).limit(200);

export const orgAlertsSince = (db: Db, orgId: string, since: Date) => db.select().from(alerts).where(and(eq(alerts.orgId, orgId), gt(alerts.createdAt, since)));

export const firstActionEvents = (db: Db, alertIds: string[]) =>
  alertIds.length ? db.select().from(alertEvents).where(and(inArray(alertEvents.alertId, alertIds), inArray(alertEvents.kind, ['acknowledged', 'resolved']))) : Promise.resolve([]);
