import { randomUUID } from 'node:crypto';
import { appointmentForTasks, travelMinutes } from '../appointments/service.ts';
import { checkinForRules, huiCriteriaMet } from '../checkins/service.ts';
import { QUEUES } from '../contracts/jobs.ts';
import type { EventRuleId, SupportiveService } from '../contracts/tasks.ts';
import { organizationOf } from '../alerts/service.ts';
import { getPatientRecord, getUser } from '../people/service.ts';
import type { Deps } from '../platform/context.ts';
import { referralForTasks } from '../referrals/service.ts';
import { closeOfWorkingDaysBefore } from '../platform/time.ts';
import { dueFrom } from './due.ts';
import * as repo from './repo.ts';
import { ruleFor } from './rules.ts';
import { createFromRule, planReminder } from './service.ts';

/**
 * Event rules (issue 17 item 2). Other domains call the hooks after their commit; each hook queues one
 * BullMQ job whose id names the event, so the same event queued twice is one job (S14). The handler
 * creates tasks under unique event keys, so a job retried after a killed worker creates nothing twice.
 */
export const EVENT_JOB = 'task-event';
export const GOALS_REVIEW_JOB = 'goals-review';
export type TaskEvent = { kind: 'checkin' | 'progression'; id: string } | { kind: 'referral'; id: string; state: string } | { kind: 'appointment'; id: string };

const queue = (deps: Deps) => deps.queues.get(QUEUES.tasks);
const enqueue = (deps: Deps, jobId: string, data: TaskEvent) => queue(deps).add(EVENT_JOB, data, { jobId });

export const taskEventsForCheckin = (deps: Deps, checkinId: string) => enqueue(deps, `evt.checkin.${checkinId}`, { kind: 'checkin', id: checkinId });
export const taskEventsForProgression = (deps: Deps, progressionId: string) => enqueue(deps, `evt.progression.${progressionId}`, { kind: 'progression', id: progressionId });

/** Referral events the rules listen to: accepted (travel), scheduled (travel due before the visit), a palliative referral sent. */
export async function taskEventsForReferral(deps: Deps, referralId: string, state: string) {
  if (state === 'accepted' || state === 'scheduled' || state === 'sent') await enqueue(deps, `evt.referral-${state}.${referralId}`, { kind: 'referral', id: referralId, state });
}

/** Each booked or moved version of an appointment is one event; the interpreter task itself is one per appointment. */
export async function taskEventsForAppointment(deps: Deps, appointmentId: string) {
  const a = await appointmentForTasks(deps, appointmentId);
  if (a?.interpreterNeeded) await enqueue(deps, `evt.appointment.${appointmentId}.${a.startsAt.getTime()}`, { kind: 'appointment', id: appointmentId });
}

/** The periodic goals-of-care review, planned when a version is saved; a newer version makes it stale. */
export async function planGoalsReview(deps: Deps, orgId: string, goalsId: string, savedAt: Date) {
  const rule = await ruleFor(deps.db, orgId, 'goals_review');
  const at = new Date(savedAt);
  at.setUTCMonth(at.getUTCMonth() + (rule.params.intervalMonths ?? 3));
  await queue(deps).add(GOALS_REVIEW_JOB, { goalsId }, { jobId: `goc-review.${goalsId}`, delay: Math.max(0, at.getTime() - Date.now()) });
}

async function context(deps: Deps, orgId: string, ruleId: EventRuleId) {
  const [org, rule] = await Promise.all([organizationOf(deps, orgId), ruleFor(deps.db, orgId, ruleId)]);
  if (!org) throw new Error('organization vanished');
  const due = (from: Date) => dueFrom(from.getTime(), rule.due, org.workingHours, org.timezone);
  const before = (at: Date) => new Date(Math.max(Date.now(), closeOfWorkingDaysBefore(at.getTime(), rule.due.amount, org.workingHours, org.timezone).getTime()));
  return { rule, due, before };
}

async function onCheckin(deps: Deps, checkinId: string) {
  const c = await checkinForRules(deps, checkinId);
  const patient = c && (await getUser(deps, c.patientId));
  if (!c || !patient) return [];
  const created = [];
  const dt = await context(deps, patient.orgId, 'dt_problem_service');
  if (c.instrument === 'distress-thermometer' && dt.rule.enabled && (c.scores.items.score ?? 0) >= (dt.rule.params.minScore ?? 4)) {
    const services = new Set((c.scores.problemCategories ?? []).map((cat) => dt.rule.params.routes?.[cat as keyof NonNullable<typeof dt.rule.params.routes>]).filter((s): s is SupportiveService => Boolean(s)));
    for (const service of services) {
      if ((await repo.activeOfType(deps.db, c.patientId, 'supportive_service', service)).length) continue;
      created.push(await createFromRule(deps, { patientId: c.patientId, orgId: patient.orgId, type: 'supportive_service', service, ruleId: dt.rule.id, eventKey: `dt:${c.id}:${service}`, sourceKind: 'checkin', sourceId: c.id, dueAt: dt.due(c.submittedAt) }));
    }
  }
  const pal = await context(deps, patient.orgId, 'palliative_trigger');
  if (pal.rule.enabled && (await huiCriteriaMet(deps, c.patientId)).length && !(await repo.activeOfType(deps.db, c.patientId, 'palliative_evaluation')).length) {
    created.push(await createFromRule(deps, { patientId: c.patientId, orgId: patient.orgId, type: 'palliative_evaluation', ruleId: pal.rule.id, eventKey: `hui:${c.id}`, sourceKind: 'checkin', sourceId: c.id, dueAt: pal.due(c.submittedAt) }));
  }
  return created;
}

async function onReferral(deps: Deps, referralId: string, state: string) {
  const r = await referralForTasks(deps, referralId);
  if (!r) return [];
  if (state === 'sent') {
    if (r.type !== 'palliative_care') return [];
    const g = await context(deps, r.orgId, 'goals_review');
    return g.rule.enabled ? [await createFromRule(deps, { patientId: r.patientId, orgId: r.orgId, type: 'goals_of_care', ruleId: g.rule.id, eventKey: `goc-palliative:${r.id}`, sourceKind: 'referral', sourceId: r.id, dueAt: g.due(new Date()) })] : [];
  }
  const t = await context(deps, r.orgId, 'referral_far_travel');
  if (!t.rule.enabled) return [];
  if (state === 'scheduled' && r.scheduledFor) return moveBefore(deps, r.id, t.before(r.scheduledFor));
  if (state !== 'accepted') return [];
  const home = (await getPatientRecord(deps, r.patientId))?.siteId ?? r.fromSiteId;
  const minutes = home && r.toSiteId ? await travelMinutes(deps, r.orgId, home, r.toSiteId) : null;
  if (minutes === null || minutes <= (t.rule.params.thresholdMinutes ?? 90)) return [];
  const dueAt = r.scheduledFor ? t.before(r.scheduledFor) : t.due(r.respondedAt ?? new Date());
  const base = { patientId: r.patientId, orgId: r.orgId, ruleId: t.rule.id, sourceKind: 'referral' as const, sourceId: r.id, dueAt };
  return [await createFromRule(deps, { ...base, type: 'travel', eventKey: `travel:${r.id}` }), await createFromRule(deps, { ...base, type: 'lodging', eventKey: `lodging:${r.id}` })];
}

/** The visit got its date: travel and lodging still open become due the rule's working days before it. */
async function moveBefore(deps: Deps, referralId: string, dueAt: Date) {
  const moved = [];
  for (const task of await repo.activeFromSource(deps.db, referralId)) {
    if ((task.type !== 'travel' && task.type !== 'lodging') || task.dueAt.getTime() === dueAt.getTime()) continue;
    const [u] = await deps.db.transaction(async (tx) => {
      const rows = await repo.updateTask(tx, task.id, task.status, { dueAt });
      if (rows[0]) {
        await repo.insertEvent(tx, { id: randomUUID(), taskId: task.id, kind: 'due', actor: 'system:tasks', fromValue: task.dueAt.toISOString(), toValue: dueAt.toISOString() });
        await deps.audit.record({ actor: 'system:tasks', action: 'task.update', targetType: 'task', targetId: task.id, patientId: task.patientId, outcome: 'success', details: { reason: 'referral.scheduled' } }, tx);
      }
      return rows;
    });
    if (u) {
      await planReminder(deps, u);
      moved.push(u);
    }
  }
  return moved;
}

async function onAppointment(deps: Deps, appointmentId: string) {
  const a = await appointmentForTasks(deps, appointmentId);
  if (!a || !a.interpreterNeeded || a.status === 'cancelled' || a.startsAt.getTime() < Date.now()) return [];
  const i = await context(deps, a.orgId, 'appointment_interpreter');
  if (!i.rule.enabled) return [];
  return [await createFromRule(deps, { patientId: a.patientId, orgId: a.orgId, type: 'interpreter_booking', ruleId: i.rule.id, eventKey: `interpreter:${a.id}`, sourceKind: 'appointment', sourceId: a.id, dueAt: i.before(a.startsAt) })];
}

async function onProgression(deps: Deps, progressionId: string) {
  const p = await repo.findProgression(deps.db, progressionId);
  const patient = p && (await getUser(deps, p.patientId));
  if (!p || !patient) return [];
  const created = [];
  const pal = await context(deps, patient.orgId, 'palliative_trigger');
  if (pal.rule.enabled) created.push(await createFromRule(deps, { patientId: p.patientId, orgId: patient.orgId, type: 'palliative_evaluation', ruleId: pal.rule.id, eventKey: `progression-palliative:${p.id}`, sourceKind: 'progression', sourceId: p.id, dueAt: pal.due(p.recordedAt) }));
  const g = await context(deps, patient.orgId, 'goals_review');
  if (g.rule.enabled) created.push(await createFromRule(deps, { patientId: p.patientId, orgId: patient.orgId, type: 'goals_of_care', ruleId: g.rule.id, eventKey: `progression-goc:${p.id}`, sourceKind: 'progression', sourceId: p.id, dueAt: g.due(p.recordedAt) }));
  return created;
}

/** Worker: one event through the rules. Returns the ids of the tasks it created (none on a replay). */
export async function handleTaskEvent(deps: Deps, e: TaskEvent) {
  const created =
    e.kind === 'checkin' ? await onCheckin(deps, e.id)
    : e.kind === 'referral' ? await onReferral(deps, e.id, e.state)
    : e.kind === 'appointment' ? await onAppointment(deps, e.id)
    : await onProgression(deps, e.id);
  return { tasks: created.filter((t) => t !== undefined).map((t) => t.id) };
}

/** Worker: the periodic review is due, if this is still the patient's latest goals-of-care record. */
export async function runGoalsReview(deps: Deps, goalsId: string) {
  const g = await repo.findGoals(deps.db, goalsId);
  const latest = g && (await repo.latestGoals(deps.db, g.patientId));
  const patient = g && (await getUser(deps, g.patientId));
  if (!g || !patient || latest?.id !== g.id) return { tasks: [] };
  const r = await context(deps, patient.orgId, 'goals_review');
  if (!r.rule.enabled) return { tasks: [] };
  const t = await createFromRule(deps, { patientId: g.patientId, orgId: patient.orgId, type: 'goals_of_care', ruleId: r.rule.id, eventKey: `goc-periodic:${g.id}`, sourceKind: 'goals_of_care', sourceId: g.id, dueAt: r.due(new Date()) });
  return { tasks: t ? [t.id] : [] };
}

/** 72 h without a check-in answer (called by the check-in worker's own deterministic job). */
export async function followUpMissedCheckin(deps: Deps, e: { requestId: string; patientId: string }) {
  const patient = await getUser(deps, e.patientId);
  if (!patient) return undefined;
  const m = await context(deps, patient.orgId, 'checkin_missed_follow_up');
  if (!m.rule.enabled) return undefined;
  return createFromRule(deps, { patientId: e.patientId, orgId: patient.orgId, type: 'checkin_follow_up', ruleId: m.rule.id, eventKey: `checkin-missed:${e.requestId}`, sourceKind: 'checkin_request', sourceId: e.requestId, dueAt: m.due(new Date()) });
}
