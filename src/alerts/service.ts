import { randomUUID } from 'node:crypto';
import { QUEUES } from '../contracts/jobs.ts';
import type { z } from 'zod';
import type { AlertReason, AlertServerEvents, AlertView, ListAlertsQuery, RenderedReason, ResolutionAction } from '../contracts/alerts.ts';
import type { LadderStep } from '../contracts/rules.ts';
import { INSTRUMENT_IDS } from '../contracts/checkins.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { activeNavigators, auditPhi, careTeam, clinicalLeadIds, getOrganization, getUser, getUsers, onAccessLost, patientAccess, primaryNavigatorId, withAccess } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { pushToUsers } from '../platform/push.ts';
import { ruleSetById, ruleSetFor } from '../checkins/rules.ts';
import { addDuration } from '../platform/time.ts';
import * as repo from './repo.ts';

export type { AlertRow } from './repo.ts';

const SYSTEM = 'system:alerts';

/** The escalation job: ids only (SECURITY.md S12). The job id is `esc.<alertId>.<step>` (S14). */
export const escalationJobId = (alertId: string, step: number) => `esc.${alertId}.${step}`;
export const ESCALATION_JOB = 'escalation-step';

// ----- rendering -----

/** Renders a reason in a locale: `ns:key` or a `checkins` key; `item`/`instrument` params become labels. */
export function renderReason(locale: string, reason: AlertReason): RenderedReason {
  const [ns, key] = reason.key.includes(':') ? (reason.key.split(':', 2) as [string, string]) : ['checkins', reason.key];
  const t = translator(locale, ns);
  const tc = translator(locale, 'checkins');
  const params: Record<string, string | number> = { ...(reason.params ?? {}) };
  const instrument = typeof params.instrument === 'string' ? params.instrument : undefined;
  if (instrument && (INSTRUMENT_IDS as readonly string[]).includes(instrument)) {
    params.instrumentName = tc(`instruments.${instrument}.name`);
    if (typeof params.item === 'string') params.itemLabel = tc(`instruments.${instrument}.items.${params.item}.label`);
  }
  if (typeof params.band === 'string' && params.band) params.bandLabel = tc(`bands.${params.band}`);
  if (typeof params.category === 'string') params.categoryLabel = tc(`instruments.distress-thermometer.categories.${params.category}`);
  if (typeof params.service === 'string') params.serviceLabel = translator(locale, 'rules')(`services.${params.service}`);
  if (typeof params.otherProblem === 'string') params.itemLabel = `${String(params.itemLabel ?? '')}: ${params.otherProblem}`;
  return { ...reason, text: t(key, params) };
}

async function viewFor(deps: Deps, row: repo.AlertRow, locale: string, patientName?: string): Promise<AlertView> {
  const name = patientName ?? (await getUser(deps, row.patientId))?.name ?? '';
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: name,
    severity: row.severity,
    source: row.source,
    sourceId: row.sourceId,
    ruleId: row.ruleId,
    reasons: row.reasons.map((r) => renderReason(locale, r)),
    status: row.status,
    assignedTo: row.assignedTo,
    escalationLevel: row.escalationLevel,
    overdue: row.overdue || (row.status === 'open' && row.dueAt.getTime() < Date.now()),
    dueAt: row.dueAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionAction: row.resolutionAction,
  };
}

export const toView = viewFor;

// Working hours and time zone change rarely and are read for every alert: cached per process briefly.
const orgCache = new Map<string, { at: number; row: NonNullable<Awaited<ReturnType<typeof getOrganization>>> }>();
export async function organizationOf(deps: Deps, orgId: string) {
  const hit = orgCache.get(orgId);
  if (hit && Date.now() - hit.at < 5000) return hit.row;
  const row = await getOrganization(deps, orgId);
  if (row) orgCache.set(orgId, { at: Date.now(), row });
  return row;
}

// ----- realtime -----

type EventName = keyof AlertServerEvents;

/** Emits to users' rooms: through the server when it runs here, else through Redis (workers). */
export function emitToUsers(deps: Deps, userIds: string[], event: EventName, payload: (userId: string) => unknown) {
  pushToUsers(deps, userIds, event, payload as never);
}

/**
 * Navigators who should see an alert live: the patient's care-team navigators as the team stands now,
 * plus whoever it is routed to now (the assignee, the on-call and escalation targets): S23.
 */
async function audienceOf(deps: Deps, row: repo.AlertRow, extra: string[], fresh: boolean): Promise<string[]> {
  const team = await careTeam(deps, row.patientId);
  const ids = new Set<string>([...team.filter((m) => m.role === 'navigator').map((m) => m.userId), ...extra]);
  if (row.assignedTo) ids.add(row.assignedTo);
  // A new alert has no escalation targets yet; a changed one reaches everyone it was escalated to.
  if (!fresh) for (const e of await repo.eventsOf(deps.db, row.id)) if (e.targetUser && ROUTING_KINDS.has(e.kind)) ids.add(e.targetUser);
  return [...ids];
}

/** Escalation steps that route an alert to someone outside the care team (who may then see and act on it). */
const ROUTING_KINDS = new Set(['escalated_on_call', 'escalated_clinical_lead']);

export async function broadcast(deps: Deps, row: repo.AlertRow, event: 'alert:new' | 'alert:updated', extra: string[] = [], patientName?: string) {
  const audience = await audienceOf(deps, row, extra, event === 'alert:new');
  // One cached row per person (decision 0015): the same few navigators hear every alert of their caseload.
  const people = (await Promise.all(audience.map((id) => getUser(deps, id)))).filter((p) => p !== undefined);
  const patient = patientName === undefined ? await getUser(deps, row.patientId) : { name: patientName };
  const byLocale = new Map<string, AlertView>();
  const views = new Map<string, AlertView>();
  for (const p of people) {
    if (p.disabledAt) continue;
    let view = byLocale.get(p.locale);
    if (!view) byLocale.set(p.locale, (view = await viewFor(deps, row, p.locale, patient?.name)));
    views.set(p.id, view);
  }
  emitToUsers(deps, [...views.keys()], event, (id) => views.get(id));
}

export { crisisForPatient } from './crisis.ts';
export { acknowledgeModerate } from './bulk.ts';
export { alertBurden, alertsSince } from './measures.ts';

// ----- raising (raise.ts: planned before, stored in the caller's transaction, announced after) -----

export { announceAlert, freshAlertWrites, planAlerts, raiseAlert, storeAlert, type AlertPlan } from './raise.ts';

// ----- the escalation ladder -----

export async function scheduleStep(deps: Deps, alertId: string, step: number, delayMs: number) {
  await deps.queues.get(QUEUES.escalations).add(ESCALATION_JOB, { alertId, step }, { jobId: escalationJobId(alertId, step), delay: Math.max(0, delayMs) });
}

/**
 * The ladder's first job is queued after the alert commits (no queue add inside a transaction), so a
 * process that dies in between leaves an open alert with no step queued. This re-queues step 1 for open
 * alerts still at level 0 that are older than `settleMs` (younger ones are being announced now) and at most
 * a week old. The job id names the step: a job still queued (or kept after it ran) is not added twice, and
 * a step that ran raised the level, so the step itself runs once (decision 0016).
 */
export async function reconcileEscalations(deps: Deps, settleMs = 30_000) {
  const now = Date.now();
  const rows = await repo.unescalated(deps.db, new Date(now - 7 * 86_400_000), new Date(now - settleMs));
  for (const r of rows) await scheduleStep(deps, r.id, 1, r.dueAt.getTime() - Date.now());
  return rows.length;
}

async function cancelLadder(deps: Deps, alertId: string, fromStep: number) {
  const queue = deps.queues.get(QUEUES.escalations);
  for (let s = fromStep; s < fromStep + 6; s++) {
    const job = await queue.getJob(escalationJobId(alertId, s));
    if (job && (await job.isDelayed())) await job.remove().catch(() => undefined);
  }
}

/**
 * One step of the ladder, exactly once: the step's event row is unique per (alert, step), written with
 * the alert change and the audit row in one transaction. A retry after a crash finds the row, skips the
 * change, and repeats only the side effects, which are idempotent by job id (notifications, next step).
 */
export async function runEscalationStep(deps: Deps, alertId: string, step: number): Promise<{ outcome: 'stopped' | 'done' | 'replayed'; kind?: LadderStep }> {
  const alert = await repo.findAlert(deps.db, alertId);
  if (!alert) return { outcome: 'stopped' };
  const stepKey = `esc${step}`;
  const already = (await repo.eventsOf(deps.db, alertId)).find((e) => e.step === stepKey);
  if (!already && alert.status !== 'open') return { outcome: 'stopped' };
  const rules = (alert.ruleSetId ? await ruleSetById(deps.db, alert.ruleSetId) : undefined) ?? (await ruleSetFor(deps.db, alert.orgId));
  const level = rules.ladder[alert.severity];
  const kind = level.steps[step - 1];
  if (!kind) return { outcome: 'stopped' };
  const org = await organizationOf(deps, alert.orgId);
  if (!org) return { outcome: 'stopped' };

  let targets: string[];
  if (already) targets = already.targetUser ? [already.targetUser] : [];
  else if (kind === 'on_call') targets = [(await repo.onCallAt(deps.db, org.id, new Date())) ?? (await clinicalLeadIds(deps, org.id))[0]].filter((x): x is string => Boolean(x));
  else if (kind === 'clinical_lead') targets = (await clinicalLeadIds(deps, org.id)).slice(0, 1);
  else targets = alert.assignedTo ? [alert.assignedTo] : [];
  const target = targets[0] ?? null;

  const { event, fresh } = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const recorded = await repo.recordStep(db, { id: randomUUID(), alertId, step: stepKey, kind: `escalated_${kind}`, actor: 'system:escalations', targetUser: target, details: { step } });
    if (!recorded.fresh) return recorded;
    const changed = await repo.updateAlert(db, alertId, { escalationLevel: step, overdue: true, ...(kind === 'on_call' && target ? { assignedTo: target } : {}) }, ['open']);
    if (changed.length === 0) throw new StepRaced();
    await deps.audit.record(
      { actor: 'system:escalations', action: 'alert.escalate', targetType: 'alert', targetId: alertId, patientId: alert.patientId, outcome: 'success', details: { step, kind, targetUser: target } },
      db,
    );
    return recorded;
  }).catch((err: unknown) => {
    if (err instanceof StepRaced) return { event: null, fresh: false };
    throw err;
  });
  if (!event) return { outcome: 'stopped' };

  if (event.targetUser) {
    const template = kind === 'overdue' ? 'checkins.alertOverdue' : 'checkins.alertEscalated';
    const channels: Array<'inapp' | 'email'> = kind === 'overdue' ? ['inapp'] : ['inapp', 'email'];
    await enqueueNotification(deps, `alert.${alertId}.${stepKey}.${event.targetUser}`, { userId: event.targetUser, template, refs: { alert: alertId }, link: `/navigator/alerts/${alertId}`, channels, urgent: true });
  }
  const updated = (await repo.findAlert(deps.db, alertId))!;
  await broadcast(deps, updated, 'alert:updated');
  if (step < level.steps.length && updated.status === 'open') {
    const nextAt = addDuration(event.at, level.ack, org.workingHours, org.timezone).getTime();
    await scheduleStep(deps, alertId, step + 1, nextAt - Date.now());
  }
  return { outcome: fresh ? 'done' : 'replayed', kind };
}

class StepRaced extends Error {}

const AUDIT_ACTION = { acknowledged: 'alert.acknowledge', resolved: 'alert.resolve', snoozed: 'alert.snooze', reassigned: 'alert.reassign' } as const;

export { cancelLadder };

// ----- the navigator's actions -----


/**
 * An alert is visible to the patient's care team (or a break-glass holder) and to anyone it was routed
 * to (on-call, clinical lead). Anyone else gets not_found, exactly like a missing alert (S5).
 */
export async function alertFor(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findAlert(deps.db, id);
  if (!row || row.orgId !== actor.orgId) throw new AppError('not_found');
  const access = await patientAccess(deps, actor, row.patientId, 'checkins');
  if (access && access !== 'self' && access !== 'caregiver') return { row, access };
  if (row.assignedTo === actor.userId || (await repo.wasTargeted(deps.db, id, actor.userId, [...ROUTING_KINDS]))) return { row, access: 'care_team' as const };
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'alert.access', targetType: 'alert', targetId: id, outcome: 'denied', requestId: actor.requestId });
  throw new AppError('not_found');
}

async function localeOf(deps: Deps, userId: string) {
  return (await getUser(deps, userId))?.locale ?? 'en';
}

export async function listAlerts(deps: Deps, actor: Actor, query: z.output<typeof ListAlertsQuery>) {
  const statuses = query.status === 'all' ? null : query.status === 'active' ? (['open', 'acknowledged'] as const) : [query.status];
  const rows = await repo.listFor(deps.db, actor.userId, { statuses: statuses ? [...statuses] : null, severity: query.severity, patientId: query.patientId, assignedToMe: query.assigned === 'me' });
  const locale = await localeOf(deps, actor.userId);
  const names = new Map((await getUsers(deps, [...new Set(rows.map((r) => r.patientId))])).map((u) => [u.id, u.name]));
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'alert.list', targetType: 'alert_queue', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { count: rows.length, status: query.status } });
  return Promise.all(rows.map((r) => viewFor(deps, r, locale, names.get(r.patientId))));
}

export async function getAlert(deps: Deps, actor: Actor, id: string) {
  const { row, access } = await alertFor(deps, actor, id);
  await auditPhi(deps, actor, { action: 'alert.read', patientId: row.patientId, targetType: 'alert', targetId: id, access });
  const events = await repo.eventsOf(deps.db, id);
  return { alert: await viewFor(deps, row, await localeOf(deps, actor.userId)), events: events.map((e) => ({ step: e.step, kind: e.kind, actor: e.actor, targetUser: e.targetUser, at: e.at.toISOString(), details: e.details })) };
}

async function act(
  deps: Deps,
  actor: Actor,
  id: string,
  kind: 'acknowledged' | 'resolved' | 'snoozed' | 'reassigned',
  change: (row: repo.AlertRow, db: Db) => Promise<Partial<repo.AlertRow> | null>,
  allowed: Array<repo.AlertRow['status']>,
  details: Record<string, string | number | boolean | null> = {},
) {
  const { row, access } = await alertFor(deps, actor, id);
  if (!allowed.includes(row.status)) throw new AppError('conflict', `The alert is ${row.status}.`);
  const updated = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const set = await change(row, db);
    if (!set) return null;
    const [saved] = await repo.updateAlert(db, id, set, allowed);
    if (!saved) throw new AppError('conflict', 'The alert changed meanwhile.');
    await repo.recordStep(db, { id: randomUUID(), alertId: id, step: `${kind}:${randomUUID()}`, kind, actor: actor.userId, targetUser: (set.assignedTo as string | undefined) ?? null, details });
    await auditPhi(deps, actor, { action: AUDIT_ACTION[kind], patientId: row.patientId, targetType: 'alert', targetId: id, access, details }, db);
    return saved;
  });
  if (!updated) return viewFor(deps, row, await localeOf(deps, actor.userId));
  if (kind === 'acknowledged' || kind === 'resolved') await cancelLadder(deps, id, updated.escalationLevel + 1);
  await broadcast(deps, updated, 'alert:updated');
  return viewFor(deps, updated, await localeOf(deps, actor.userId));
}

/** Acknowledging stops the ladder. Acknowledging twice is harmless (answers the alert as it is). */
export async function acknowledgeAlert(deps: Deps, actor: Actor, id: string) {
  const { row } = await alertFor(deps, actor, id);
  if (row.status === 'acknowledged' && row.acknowledgedBy) return viewFor(deps, row, await localeOf(deps, actor.userId));
  return act(deps, actor, id, 'acknowledged', async () => ({ status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: new Date() }), ['open']);
}

export async function resolveAlert(deps: Deps, actor: Actor, id: string, input: { action: ResolutionAction; note?: string | undefined }) {
  return act(
    deps,
    actor,
    id,
    'resolved',
    async (row) => ({
      status: 'resolved',
      resolvedBy: actor.userId,
      resolvedAt: new Date(),
      resolutionAction: input.action,
      resolutionNote: input.note ?? null,
      ...(row.acknowledgedAt ? {} : { acknowledgedBy: actor.userId, acknowledgedAt: new Date() }),
    }),
    ['open', 'acknowledged'],
    { action: input.action },
  );
}

/**
 * Snooze is an action on an acknowledged alert: this rule's future alerts for the alert's symptoms are
 * suppressed for this patient for at most 30 days, with a reason. The alert itself stays acknowledged
 * and still needs a documented resolution; urgent rules can never be snoozed (CLINICAL.md).
 */
export async function snoozeAlert(deps: Deps, actor: Actor, id: string, input: { days: number; reason: string }) {
  const { row } = await alertFor(deps, actor, id);
  const rules = (row.ruleSetId ? await ruleSetById(deps.db, row.ruleSetId) : undefined) ?? (await ruleSetFor(deps.db, row.orgId));
  const rule = rules.rules.find((r) => r.id === row.ruleId);
  if (row.severity === 'urgent' || (rule && !rule.snoozable)) throw new AppError('forbidden', 'Urgent rules can never be snoozed.');
  if (input.days > 30) throw new AppError('invalid', 'days: at most 30', [{ path: 'days', message: 'at most 30' }]);
  const until = new Date(Date.now() + input.days * 86_400_000);
  const items = [...new Set(row.reasons.map((r) => r.params?.item).filter((x): x is string => typeof x === 'string'))];
  const keys = items.length ? items.map((i) => `${row.ruleId}#${i}`) : [row.ruleId];
  return act(
    deps,
    actor,
    id,
    'snoozed',
    async (_row, db) => {
      await repo.insertSnooze(db, keys.map((ruleId) => ({ id: randomUUID(), patientId: row.patientId, ruleId, until, reason: input.reason, createdBy: actor.userId })));
      return { updatedAt: new Date() };
    },
    ['acknowledged'],
    { days: input.days, until: until.toISOString() },
  );
}

export async function reassignAlert(deps: Deps, actor: Actor, id: string, userId: string) {
  const target = await getUser(deps, userId);
  if (!target || target.orgId !== actor.orgId || target.role !== 'navigator' || target.disabledAt) throw new AppError('invalid', 'userId: not a navigator of this organization', [{ path: 'userId', message: 'not a navigator' }]);
  const view = await act(deps, actor, id, 'reassigned', async () => ({ assignedTo: userId }), ['open', 'acknowledged'], { to: userId });
  await enqueueNotification(deps, `alert.${id}.reassigned.${userId}.${Date.now()}`, { userId, template: 'checkins.alertReassigned', refs: { alert: id }, link: `/navigator/alerts/${id}`, channels: ['inapp'] });
  return view;
}

// ----- the on-call rota -----

export async function listRota(deps: Deps, actor: Actor) {
  const rows = await repo.rota(deps.db, actor.orgId, new Date(Date.now() - 86_400_000));
  const names = new Map((await getUsers(deps, rows.map((r) => r.userId))).map((u) => [u.id, u.name]));
  const onCall = await repo.onCallAt(deps.db, actor.orgId, new Date());
  const leads = await clinicalLeadIds(deps, actor.orgId);
  return { onCall, clinicalLeads: leads, shifts: rows.map((r) => ({ id: r.id, userId: r.userId, name: names.get(r.userId) ?? '', startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })) };
}

export async function addShift(deps: Deps, actor: Actor, input: { userId: string; startsAt: string; endsAt: string }) {
  const user = await getUser(deps, input.userId);
  if (!user || user.orgId !== actor.orgId || user.role !== 'navigator') throw new AppError('invalid', 'userId: not a navigator of this organization', [{ path: 'userId', message: 'not a navigator' }]);
  const id = randomUUID();
  await repo.insertShift(deps.db, { id, orgId: actor.orgId, userId: input.userId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), createdBy: actor.userId });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'oncall.add', targetType: 'on_call_shift', targetId: id, outcome: 'success', requestId: actor.requestId, details: { userId: input.userId } });
  return { id };
}

/** Navigators of the actor's organization (reassignment targets): ids and names only. */
export async function orgNavigators(deps: Deps, actor: Actor) {
  return activeNavigators(deps, actor.orgId);
}

/** Seeds a rota shift without an actor (demo data, tests). */
export const insertShiftRow = (deps: Deps, row: { orgId: string; userId: string; startsAt: Date; endsAt: Date; createdBy: string }) => repo.insertShift(deps.db, { id: randomUUID(), ...row });

/**
 * Someone lost access to a patient (removed, reassigned, revoked): their open alerts for that patient
 * go to the patient's current navigator at once, so the ladder never waits on a person who cannot act.
 */
async function reassignOnAccessLost(deps: Deps, lost: { userId: string; patientId: string }) {
  if ((await withAccess(deps, [lost.userId], lost.patientId, 'checkins')).length) return;
  const next = await primaryNavigatorId(deps, lost.patientId);
  for (const row of await repo.openAssignedTo(deps.db, lost.patientId, lost.userId)) {
    const saved = await deps.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      const [updated] = await repo.updateAlert(db, row.id, { assignedTo: next }, ['open', 'acknowledged']);
      if (!updated) return null;
      await repo.recordStep(db, { id: randomUUID(), alertId: row.id, step: `reassigned:${randomUUID()}`, kind: 'reassigned', actor: SYSTEM, targetUser: next, details: { reason: 'access_lost' } });
      await deps.audit.record({ actor: SYSTEM, action: 'alert.reassign', targetType: 'alert', targetId: row.id, patientId: row.patientId, outcome: 'success', details: { reason: 'access_lost', to: next } }, db);
      return updated;
    });
    if (saved) await broadcast(deps, saved, 'alert:updated');
  }
}
onAccessLost(reassignOnAccessLost);
