import { randomUUID } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
import type { AlertReason, RaiseAlertInput } from '../contracts/alerts.ts';
import { RaiseAlertInput as RaiseAlertSchema } from '../contracts/alerts.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { clinicalLeadIds, getUser, primaryNavigatorId } from '../people/service.ts';
import type { Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { parse } from '../platform/errors.ts';
import type { AuditEntry } from '../platform/audit/audit.ts';
import { ruleSetFor } from '../checkins/rules.ts';
import { addDuration } from '../platform/time.ts';
import { broadcast, crisisForPatient, emitToUsers, organizationOf, scheduleStep } from './service.ts';
import * as repo from './repo.ts';

const SYSTEM = 'system:alerts';

type Patient = NonNullable<Awaited<ReturnType<typeof getUser>>>;
export type Raised = { id: string; status: repo.AlertRow['status']; reasons: AlertReason[] };

/** Everything raising an alert writes, decided from reads made before any transaction opens. */
export interface AlertPlan {
  id: string;
  data: RaiseAlertInput;
  patient: Patient;
  row: Parameters<typeof repo.insertAlert>[1];
  ruleSetVersion: number;
  onCall: string | null;
}

/**
 * Plans the alerts of one patient (a check-in may fire several rules): the patient, organization, rule
 * set, snoozes, on-call navigator and primary navigator are read once, before the caller's transaction
 * (on PGlite's one connection a read outside an open transaction would wait for it).
 */
export async function planAlerts(deps: Deps, patientId: string, inputs: RaiseAlertInput[], known?: { patient?: Patient | undefined }): Promise<AlertPlan[]> {
  if (inputs.length === 0) return [];
  const patient = known?.patient?.id === patientId ? known.patient : await getUser(deps, patientId);
  if (!patient || patient.role !== 'patient') throw new Error('raiseAlert: unknown patient');
  const org = await organizationOf(deps, patient.orgId);
  if (!org) throw new Error('raiseAlert: unknown organization');
  const rules = await ruleSetFor(deps.db, org.id);
  const now = new Date();
  const [{ snoozed, onCall }, primary] = await Promise.all([repo.planReads(deps.db, patientId, org.id, now), primaryNavigatorId(deps, patientId)]);
  const assignedTo = primary ?? onCall ?? (await clinicalLeadIds(deps, org.id))[0] ?? null;
  return inputs.map((input) => {
    const data = parse(RaiseAlertSchema, input);
    if (data.patientId !== patientId) throw new Error('planAlerts: one patient per call');
    let reasons = data.reasons;
    if (data.severity !== 'urgent') {
      if (snoozed.has(data.ruleId)) reasons = [];
      else reasons = reasons.filter((r) => !(typeof r.params?.item === 'string' && snoozed.has(`${data.ruleId}#${r.params.item}`)));
    }
    const id = randomUUID();
    const row = {
      id,
      orgId: org.id,
      patientId,
      severity: data.severity,
      source: data.source,
      sourceId: data.sourceId,
      ruleId: data.ruleId,
      ruleSetId: rules.id,
      // Snoozed symptoms are left out of an open alert; a fully snoozed alert keeps them for the record.
      reasons: reasons.length ? reasons : data.reasons,
      status: reasons.length ? ('open' as const) : ('suppressed' as const),
      assignedTo,
      dueAt: addDuration(now, rules.ladder[data.severity].ack, org.workingHours, org.timezone),
      createdAt: now,
    };
    return { id, data, patient, row, ruleSetVersion: rules.version, onCall };
  });
}

/**
 * Writes a planned alert, its `created` step and its audit row in the caller's transaction. Idempotent on
 * (source, sourceId, ruleId): the unique index decides, and a replay writes nothing (undefined).
 */
export async function storeAlert(deps: Deps, plan: AlertPlan, db: Db): Promise<repo.AlertRow | undefined> {
  const { data, row: planned } = plan;
  const row = await repo.insertAlert(db, planned);
  if (!row) return undefined;
  await repo.recordStep(db, { id: randomUUID(), alertId: plan.id, step: 'created', kind: 'created', actor: SYSTEM, targetUser: planned.assignedTo, details: { severity: data.severity, ruleSetVersion: plan.ruleSetVersion } });
  await deps.audit.record(raiseEntry(plan), db);
  return row;
}

/** The audit row of a raised alert. */
const raiseEntry = (plan: AlertPlan): AuditEntry => ({
  actor: SYSTEM,
  action: 'alert.raise',
  targetType: 'alert',
  targetId: plan.id,
  patientId: plan.data.patientId,
  outcome: 'success',
  details: { severity: plan.data.severity, source: plan.data.source, sourceId: plan.data.sourceId, ruleId: plan.data.ruleId, status: plan.row.status, ruleSetVersion: plan.ruleSetVersion },
});

/**
 * The writes of alerts whose source was created in the same write (a new check-in), so none can exist
 * yet: the alerts, their `created` steps and audit rows, as statements for `writeAsOne` (decision 0016).
 * Returns the rows as stored, for `announceAlert` after commit.
 */
export function freshAlertWrites(deps: Deps, plans: AlertPlan[]): { writes: SQLWrapper[]; audit: AuditEntry[]; rows: repo.AlertRow[] } {
  if (plans.length === 0) return { writes: [], audit: [], rows: [] };
  const rows = plans.map((p) => storedRow(p.row));
  const writes = [
    repo.alertsInsert(deps.db, rows),
    repo.stepsInsert(deps.db, 
      plans.map((p) => ({ id: randomUUID(), alertId: p.id, step: 'created', kind: 'created', actor: SYSTEM, targetUser: p.row.assignedTo ?? null, details: { severity: p.data.severity, ruleSetVersion: p.ruleSetVersion }, at: p.row.createdAt! })),
    ),
  ];
  return { writes, audit: plans.map(raiseEntry), rows };
}

/** A planned row with the columns the database would fill in. */
const storedRow = (row: AlertPlan['row']): repo.AlertRow => ({
  ...row,
  ruleSetId: row.ruleSetId ?? null,
  assignedTo: row.assignedTo ?? null,
  escalationLevel: 0,
  overdue: false,
  createdAt: row.createdAt!,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  resolutionAction: null,
  resolutionNote: null,
  updatedAt: row.createdAt!,
});

/**
 * After commit: pushes `alert:new` to the caseload's navigators, schedules the escalation ladder, and for
 * urgent alerts notifies the on-call navigator at once (in-app + e-mail) and shows the patient crisis
 * resources. A replay answers with the alert stored first.
 */
export async function announceAlert(deps: Deps, plan: AlertPlan, stored: repo.AlertRow | undefined): Promise<Raised> {
  const { data, patient, id } = plan;
  if (!stored) {
    const winner = (await repo.findBySource(deps.db, data.source, data.sourceId, data.ruleId))!;
    return { id: winner.id, status: winner.status, reasons: winner.reasons };
  }
  if (stored.status === 'suppressed') return { id, status: stored.status, reasons: data.reasons };
  const urgentTargets = data.severity === 'urgent' ? [...new Set([plan.onCall, stored.assignedTo].filter((x): x is string => Boolean(x)))] : [];
  await broadcast(deps, stored, 'alert:new', urgentTargets, patient.name);
  await scheduleStep(deps, id, 1, stored.dueAt.getTime() - Date.now());
  if (data.severity === 'urgent') {
    for (const userId of urgentTargets) {
      await enqueueNotification(deps, `alert.${id}.urgent.${userId}`, { userId, template: 'checkins.alertUrgent', refs: { alert: id }, link: `/navigator/alerts/${id}`, channels: ['inapp', 'email'], urgent: true });
    }
    // Whoever answered (the patient, a caregiver, a chat message), the patient's own devices show help now.
    const crisis = await crisisForPatient(deps, data.patientId, patient.locale);
    emitToUsers(deps, [data.patientId], 'crisis:show', () => crisis);
  }
  return { id, status: stored.status, reasons: stored.reasons };
}

/**
 * Raises an alert for a patient in its own transaction (plan, store, announce). An alert whose every
 * reason is a symptom the navigator snoozed for this patient is recorded as `suppressed`: never pushed
 * nor escalated, and counted apart in the measures (decision 0205).
 */
export async function raiseAlert(deps: Deps, input: RaiseAlertInput, known?: { patient?: Patient | undefined }): Promise<Raised> {
  const [plan] = await planAlerts(deps, input.patientId, [input], known);
  const stored = await deps.db.transaction((tx) => storeAlert(deps, plan!, tx as unknown as Db));
  return announceAlert(deps, plan!, stored);
}
