import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { ACTIVE_STATUSES, type SupportiveService, type TaskStatus, type TaskType } from '../contracts/tasks.ts';
import type { Db } from '../platform/db/client.ts';
import { diseaseProgressions, goalsOfCare, navigationTaskEvents, navigationTasks, supportiveServices } from './tables.ts';

export type TaskRow = typeof navigationTasks.$inferSelect;

export const findTask = async (db: Db, id: string) => (await db.select().from(navigationTasks).where(eq(navigationTasks.id, id)))[0];

/** Inserts a task; one with the same event key already exists -> undefined (the event was handled). */
export async function insertTask(db: Db, row: typeof navigationTasks.$inferInsert): Promise<TaskRow | undefined> {
  const [inserted] = await db.insert(navigationTasks).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Compare-and-set on the status the caller read, so two people changing one task cannot both win. */
export async function updateTask(db: Db, id: string, expect: TaskStatus, set: Partial<typeof navigationTasks.$inferInsert>) {
  return db.update(navigationTasks).set({ ...set, updatedAt: new Date() }).where(and(eq(navigationTasks.id, id), eq(navigationTasks.status, expect))).returning();
}

export const insertEvent = (db: Db, row: typeof navigationTaskEvents.$inferInsert) => db.insert(navigationTaskEvents).values(row);
export const eventsOf = (db: Db, taskId: string) => db.select().from(navigationTaskEvents).where(eq(navigationTaskEvents.taskId, taskId)).orderBy(asc(navigationTaskEvents.at));

export function tasksOf(db: Db, patientIds: string[], filter: { statuses: readonly TaskStatus[]; ownerId?: string | undefined; type?: TaskType | undefined }) {
  if (patientIds.length === 0) return Promise.resolve([] as TaskRow[]);
  const conds = [inArray(navigationTasks.patientId, patientIds), inArray(navigationTasks.status, [...filter.statuses])];
  if (filter.ownerId) conds.push(eq(navigationTasks.ownerId, filter.ownerId));
  if (filter.type) conds.push(eq(navigationTasks.type, filter.type));
  return db.select().from(navigationTasks).where(and(...conds)).orderBy(asc(navigationTasks.dueAt)).limit(500);
}

export const activeOfType = (db: Db, patientId: string, type: TaskType, service?: SupportiveService) =>
  db.select({ id: navigationTasks.id }).from(navigationTasks).where(and(eq(navigationTasks.patientId, patientId), eq(navigationTasks.type, type), service ? eq(navigationTasks.service, service) : undefined, inArray(navigationTasks.status, [...ACTIVE_STATUSES]))).limit(1);

export const activeFromSource = (db: Db, sourceId: string) =>
  db.select().from(navigationTasks).where(and(eq(navigationTasks.sourceId, sourceId), inArray(navigationTasks.status, [...ACTIVE_STATUSES])));

/** Active tasks of some patients due up to a time: the worklist's "tasks due". */
export const dueUntil = (db: Db, patientIds: string[], until: Date) =>
  patientIds.length
    ? db.select().from(navigationTasks).where(and(inArray(navigationTasks.patientId, patientIds), inArray(navigationTasks.status, [...ACTIVE_STATUSES]), lte(navigationTasks.dueAt, until))).orderBy(asc(navigationTasks.dueAt)).limit(500)
    : Promise.resolve([] as TaskRow[]);

/** Tasks of some patients still active, or finished since a time (the measures' window). */
export const forMeasures = (db: Db, patientIds: string[], since: Date) =>
  patientIds.length
    ? db.select().from(navigationTasks).where(and(inArray(navigationTasks.patientId, patientIds), sql`(${navigationTasks.status} in ('open', 'waiting') or ${navigationTasks.updatedAt} > ${since})`))
    : Promise.resolve([] as TaskRow[]);

// ---- Supportive services ----

export const servicesAt = (db: Db, orgId: string, siteIds?: string[], service?: SupportiveService) => {
  const conds = [eq(supportiveServices.orgId, orgId), isNull(supportiveServices.removedAt)];
  if (siteIds) conds.push(inArray(supportiveServices.siteId, siteIds.length ? siteIds : ['00000000-0000-0000-0000-000000000000']));
  if (service) conds.push(eq(supportiveServices.service, service));
  return db.select().from(supportiveServices).where(and(...conds)).orderBy(asc(supportiveServices.service), asc(supportiveServices.name));
};
export const findService = async (db: Db, id: string) => (await db.select().from(supportiveServices).where(and(eq(supportiveServices.id, id), isNull(supportiveServices.removedAt))))[0];
export const insertService = (db: Db, row: typeof supportiveServices.$inferInsert) => db.insert(supportiveServices).values(row);
export const updateService = (db: Db, id: string, set: Partial<typeof supportiveServices.$inferInsert>) => db.update(supportiveServices).set({ ...set, updatedAt: new Date() }).where(eq(supportiveServices.id, id));

// ---- Goals of care and progression ----

export const goalsHistory = (db: Db, patientId: string) => db.select().from(goalsOfCare).where(eq(goalsOfCare.patientId, patientId)).orderBy(desc(goalsOfCare.version));
export const latestGoals = async (db: Db, patientId: string) => (await db.select().from(goalsOfCare).where(eq(goalsOfCare.patientId, patientId)).orderBy(desc(goalsOfCare.version)).limit(1))[0];
export const findGoals = async (db: Db, id: string) => (await db.select().from(goalsOfCare).where(eq(goalsOfCare.id, id)))[0];
/** The next version under a per-patient lock, so two saves at once get versions n and n+1. */
export async function insertGoals(db: Db, row: Omit<typeof goalsOfCare.$inferInsert, 'version'>) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`goc|${row.patientId}`}))`);
  const [last] = await db.select({ v: goalsOfCare.version }).from(goalsOfCare).where(eq(goalsOfCare.patientId, row.patientId)).orderBy(desc(goalsOfCare.version)).limit(1);
  const [inserted] = await db.insert(goalsOfCare).values({ ...row, version: (last?.v ?? 0) + 1 }).returning();
  return inserted!;
}

export const insertProgression = (db: Db, row: typeof diseaseProgressions.$inferInsert) => db.insert(diseaseProgressions).values(row);
export const progressionsOf = (db: Db, patientId: string) => db.select().from(diseaseProgressions).where(eq(diseaseProgressions.patientId, patientId)).orderBy(desc(diseaseProgressions.recordedAt)).limit(50);
export const findProgression = async (db: Db, id: string) => (await db.select().from(diseaseProgressions).where(eq(diseaseProgressions.id, id)))[0];
