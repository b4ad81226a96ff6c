import { randomUUID } from 'node:crypto';
import { QUEUES } from '../contracts/jobs.ts';
import { ACTIVE_STATUSES, type CreateTaskRequest, type TaskStatus, type TaskType, type TaskView, type UpdateTaskRequest } from '../contracts/tasks.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { activeNavigators, assertPatientAccess, auditPhi, caseload, getOrganization, getUsers, primaryNavigatorId, type Access } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { AppError } from '../platform/errors.ts';
import { median } from '../platform/stats.ts';
import { closeOfWorkingDaysBefore } from '../platform/time.ts';
import * as repo from './repo.ts';

export { followUpMissedCheckin, taskEventsForAppointment, taskEventsForCheckin, taskEventsForReferral } from './events.ts';

export const REMINDER_JOB = 'task-due-reminder';
const SYSTEM = 'system:tasks';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns rows into views with patient and owner names (read once per list). */
export async function views(deps: Deps, rows: repo.TaskRow[]): Promise<TaskView[]> {
  const names = new Map((await getUsers(deps, [...new Set(rows.flatMap((r) => [r.patientId, ...(r.ownerId ? [r.ownerId] : [])]))])).map((u) => [u.id, u.name]));
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    patientName: names.get(r.patientId) ?? '',
    type: r.type,
    service: r.service,
    title: r.title,
    status: r.status,
    ownerId: r.ownerId,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
    dueAt: r.dueAt.toISOString(),
    overdue: ACTIVE_STATUSES.includes(r.status) && r.dueAt.getTime() < now,
    notes: r.notes,
    waitingOn: r.waitingOn,
    cancelReason: r.cancelReason,
    source: { kind: r.sourceKind, id: r.sourceId, ruleId: r.ruleId },
    createdAt: r.createdAt.toISOString(),
    doneAt: r.doneAt?.toISOString() ?? null,
  }));
}

/** An active navigator of the actor's organization may own a task; anyone else is refused as invalid. */
async function assertOwner(deps: Deps, orgId: string, ownerId: string) {
  if (!(await activeNavigators(deps, orgId)).some((n) => n.id === ownerId)) throw new AppError('invalid', 'The owner must be a navigator of this organization.', [{ path: 'ownerId', message: 'not a navigator' }]);
}

/** A task and the actor's access to its patient; another patient's task answers not_found like a missing one. */
async function loadTask(deps: Deps, actor: Actor, id: string): Promise<{ row: repo.TaskRow; access: Access }> {
  const row = UUID.test(id) ? await repo.findTask(deps.db, id) : undefined;
  if (!row) throw new AppError('not_found');
  const access = await assertPatientAccess(deps, actor, row.patientId, 'profile');
  return { row, access };
}

export async function createTask(deps: Deps, actor: Actor, input: CreateTaskRequest): Promise<TaskView> {
  const access = await assertPatientAccess(deps, actor, input.patientId, 'profile');
  const ownerId = input.ownerId ?? actor.userId;
  await assertOwner(deps, actor.orgId, ownerId);
  const id = randomUUID();
  const row = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const inserted = await repo.insertTask(db, { id, orgId: actor.orgId, patientId: input.patientId, type: input.type, service: input.service ?? null, title: input.title ?? null, status: 'open', ownerId, dueAt: new Date(input.dueAt), notes: input.notes ?? null, sourceKind: 'manual', createdBy: actor.userId });
    await repo.insertEvent(db, { id: randomUUID(), taskId: id, kind: 'created', actor: actor.userId, toValue: 'open' });
    await auditPhi(deps, actor, { action: 'task.create', patientId: input.patientId, targetType: 'task', targetId: id, access, details: { type: input.type } }, db);
    return inserted!;
  });
  await planReminder(deps, row);
  return (await views(deps, [row]))[0]!;
}

/**
 * A task created by an event rule, owned by the patient's primary navigator. The event key is unique, so
 * the same event handled twice (a retried job, a duplicate hook) creates one task; returns undefined then.
 */
export async function createFromRule(
  deps: Deps,
  t: { patientId: string; orgId: string; type: TaskType; service?: repo.TaskRow['service']; ruleId: string; eventKey: string; sourceKind: repo.TaskRow['sourceKind']; sourceId: string; dueAt: Date },
) {
  const ownerId = await primaryNavigatorId(deps, t.patientId);
  const id = randomUUID();
  const row = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const inserted = await repo.insertTask(db, { id, orgId: t.orgId, patientId: t.patientId, type: t.type, service: t.service ?? null, status: 'open', ownerId, dueAt: t.dueAt, sourceKind: t.sourceKind, sourceId: t.sourceId, ruleId: t.ruleId, eventKey: t.eventKey, createdBy: SYSTEM });
    if (!inserted) return undefined;
    await repo.insertEvent(db, { id: randomUUID(), taskId: id, kind: 'created', actor: SYSTEM, toValue: 'open' });
    await deps.audit.record({ actor: SYSTEM, action: 'task.create', targetType: 'task', targetId: id, patientId: t.patientId, outcome: 'success', details: { type: t.type, rule: t.ruleId, source: t.sourceKind } }, db);
    return inserted;
  });
  if (row) await planReminder(deps, row);
  return row;
}

const NEXT: Record<TaskStatus, readonly TaskStatus[]> = { open: ['waiting', 'done', 'cancelled'], waiting: ['open', 'done', 'cancelled'], done: [], cancelled: [] };

export async function updateTask(deps: Deps, actor: Actor, id: string, input: UpdateTaskRequest): Promise<TaskView> {
  const { row, access } = await loadTask(deps, actor, id);
  const to = input.status ?? row.status;
  if (to !== row.status && !NEXT[row.status].includes(to)) throw new AppError('conflict', `A task cannot go from ${row.status} to ${to}.`, [{ path: 'status', message: `${row.status}->${to}` }]);
  if (to === row.status && !ACTIVE_STATUSES.includes(to)) throw new AppError('conflict', 'A finished task does not change.');
  const now = new Date();
  const set: Parameters<typeof repo.updateTask>[3] = { status: to };
  if (to === 'done') set.doneAt = now;
  if (to === 'cancelled') Object.assign(set, { cancelledAt: now, cancelReason: input.cancelReason });
  if (input.waitingOn !== undefined || to === 'waiting') set.waitingOn = input.waitingOn ?? row.waitingOn;
  if (input.notes !== undefined) set.notes = input.notes;
  if (input.dueAt) set.dueAt = new Date(input.dueAt);
  const updated = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [u] = await repo.updateTask(db, row.id, row.status, set);
    if (!u) throw new AppError('conflict', 'The task changed meanwhile; reload it.');
    const ev = (kind: 'status' | 'notes' | 'due', fromValue: string | null, toValue: string | null) => repo.insertEvent(db, { id: randomUUID(), taskId: row.id, kind, actor: actor.userId, fromValue, toValue });
    if (to !== row.status) await ev('status', row.status, to);
    if (input.notes !== undefined) await ev('notes', null, null);
    if (input.dueAt) await ev('due', row.dueAt.toISOString(), u.dueAt.toISOString());
    await auditPhi(deps, actor, { action: to !== row.status ? `task.${to}` : 'task.update', patientId: row.patientId, targetType: 'task', targetId: row.id, access, details: { from: row.status, to } }, db);
    return u;
  });
  if (input.dueAt) await planReminder(deps, updated);
  return (await views(deps, [updated]))[0]!;
}

/** Assign or hand over: the new owner is told; the old reminder follows the owner at run time. */
export async function assignTask(deps: Deps, actor: Actor, id: string, input: { ownerId: string; note?: string | undefined }): Promise<TaskView> {
  const { row, access } = await loadTask(deps, actor, id);
  if (!ACTIVE_STATUSES.includes(row.status)) throw new AppError('conflict', 'A finished task is not handed over.');
  await assertOwner(deps, actor.orgId, input.ownerId);
  const updated = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [u] = await repo.updateTask(db, row.id, row.status, { ownerId: input.ownerId, ...(input.note ? { notes: [row.notes, input.note].filter(Boolean).join('\n') } : {}) });
    if (!u) throw new AppError('conflict', 'The task changed meanwhile; reload it.');
    await repo.insertEvent(db, { id: randomUUID(), taskId: row.id, kind: 'assigned', actor: actor.userId, fromValue: row.ownerId, toValue: input.ownerId });
    await auditPhi(deps, actor, { action: 'task.assign', patientId: row.patientId, targetType: 'task', targetId: row.id, access, details: { ownerId: input.ownerId } }, db);
    return u;
  });
  if (input.ownerId !== actor.userId) await enqueueNotification(deps, `task-assigned.${row.id}.${Date.now()}`, { userId: input.ownerId, template: 'tasks.assigned', refs: { taskId: row.id }, link: '/navigator/tasks', channels: ['inapp'] });
  return (await views(deps, [updated]))[0]!;
}

export async function getTask(deps: Deps, actor: Actor, id: string) {
  const { row, access } = await loadTask(deps, actor, id);
  const events = await repo.eventsOf(deps.db, row.id);
  await auditPhi(deps, actor, { action: 'task.read', patientId: row.patientId, targetType: 'task', targetId: row.id, access });
  const names = new Map((await getUsers(deps, events.map((e) => e.actor).filter((a) => UUID.test(a)))).map((u) => [u.id, u.name]));
  return {
    task: (await views(deps, [row]))[0]!,
    history: events.map((e) => ({ kind: e.kind, actorName: names.get(e.actor) ?? null, from: e.fromValue, to: e.toValue, at: e.at.toISOString() })),
  };
}

/** The task board: tasks of the navigator's caseload (or only those they own), soonest due first. */
export async function listTasks(deps: Deps, actor: Actor, q: { scope: 'mine' | 'caseload'; status: TaskStatus | 'active'; type?: TaskType | undefined }) {
  const patients = (await caseload(deps, actor)).map((p) => p.id);
  const rows = await repo.tasksOf(deps.db, patients, { statuses: q.status === 'active' ? ACTIVE_STATUSES : [q.status], ownerId: q.scope === 'mine' ? actor.userId : undefined, type: q.type });
  return views(deps, rows);
}

export async function patientTasks(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  const rows = await repo.tasksOf(deps.db, [patientId], { statuses: ['open', 'waiting', 'done', 'cancelled'] });
  await auditPhi(deps, actor, { action: 'task.list', patientId, targetType: 'tasks', access, details: { count: rows.length } });
  return views(deps, rows);
}

/**
 * For the navigator's worklist (issue 12): the active tasks of the actor's caseload due up to `until`
 * (overdue ones included), soonest first. The caseload read is audited by people/service.ts.
 */
export async function dueTasksForNavigator(deps: Deps, actor: Actor, until: Date): Promise<TaskView[]> {
  const patients = (await caseload(deps, actor)).map((p) => p.id);
  return views(deps, await repo.dueUntil(deps.db, patients, until));
}

/** Task measures for the caseload: open and overdue now, median days from creation to done in the window. */
export async function taskMeasures(deps: Deps, actor: Actor, days: number) {
  const patients = (await caseload(deps, actor)).map((p) => p.id);
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await repo.forMeasures(deps.db, patients, since);
  const active = rows.filter((r) => ACTIVE_STATUSES.includes(r.status));
  const done = rows.filter((r) => r.doneAt && r.doneAt > since);
  const byType: Record<string, number> = {};
  for (const r of active) byType[r.type] = (byType[r.type] ?? 0) + 1;
  return {
    days,
    open: active.length,
    overdue: active.filter((r) => r.dueAt.getTime() < Date.now()).length,
    done: done.length,
    medianDaysToDone: median(done.map((r) => (r.doneAt!.getTime() - r.createdAt.getTime()) / 86_400_000)),
    byType,
  };
}

// ---- Due-date reminders (BullMQ) ----

/** Deterministic id: one reminder per task and due date; a changed due date plans a new one, the old one finds it stale. */
export const reminderJobId = (taskId: string, dueAt: Date) => `task-due.${taskId}.${dueAt.getTime()}`;

/** Reminds the owner at the close of the working day before the due date (at once if that has passed). */
export async function planReminder(deps: Deps, row: repo.TaskRow) {
  const org = await getOrganization(deps, row.orgId);
  const at = org ? closeOfWorkingDaysBefore(row.dueAt.getTime(), 1, org.workingHours, org.timezone).getTime() : row.dueAt.getTime() - 86_400_000;
  const remindAt = Math.min(at, row.dueAt.getTime());
  await deps.queues.get(QUEUES.tasks).add(REMINDER_JOB, { taskId: row.id, dueAt: row.dueAt.toISOString() }, { jobId: reminderJobId(row.id, row.dueAt), delay: Math.max(0, remindAt - Date.now()) });
}

/** Worker: remind the owner if the task is still active with the same due date. Idempotent by job id. */
export async function runReminder(deps: Deps, data: { taskId: string; dueAt: string }) {
  const row = await repo.findTask(deps.db, data.taskId);
  if (!row || !ACTIVE_STATUSES.includes(row.status) || row.dueAt.toISOString() !== data.dueAt || !row.ownerId) return { outcome: 'skipped' as const };
  await enqueueNotification(deps, `${reminderJobId(row.id, row.dueAt)}.${row.ownerId}`, { userId: row.ownerId, template: 'tasks.due', refs: { taskId: row.id }, link: '/navigator/tasks', channels: ['inapp', 'email'] });
  await deps.audit.record({ actor: SYSTEM, action: 'task.remind', targetType: 'task', targetId: row.id, patientId: row.patientId, outcome: 'success', details: { ownerId: row.ownerId } });
  return { outcome: 'reminded' as const, ownerId: row.ownerId };
}
