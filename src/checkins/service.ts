import { randomUUID } from 'node:crypto';
import type { AlertReason, RenderedReason } from '../contracts/alerts.ts';
import type { CrisisView } from '../contracts/rules.ts';
import type { CheckinScores, InstrumentId, ScheduleRequest } from '../contracts/checkins.ts';
import { INSTRUMENTS, INSTRUMENT_IDS, INSTRUMENT_LANGUAGES, answersSchema } from '../contracts/checkins.ts';
import { QUEUES } from '../contracts/jobs.ts';
import { announceAlert, crisisForPatient, freshAlertWrites, planAlerts, renderReason } from '../alerts/service.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { followUpMissedCheckin, taskEventsForCheckin } from '../tasks/service.ts';
import { assertPatientAccess, auditPhi, getUser, phiEntry, type Access } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { writeAsOne } from '../platform/db/one-statement.ts';
import { AppError, fromZod } from '../platform/errors.ts';
import { addDuration, calendarWeeksBetween, weekdayAndDay } from '../platform/time.ts';
import { patientContext } from './flags.ts';

export { patientContext };
import { evaluate, ruleSetFor, score } from './rules.ts';
import * as repo from './repo.ts';

export interface SubmitInput {
  instrument: InstrumentId;
  answers: Record<string, unknown>;
  patientId?: string | undefined;
  requestId?: string | undefined;
}

export interface SubmitResult {
  id: string;
  instrument: InstrumentId;
  scores: CheckinScores;
  alerts: Array<{ id: string; severity: string; reasons: RenderedReason[] }>;
  /** Present when an urgent answer was recorded: the crisis resources to show at once. */
  crisis?: CrisisView;
}

/** Which patient a submission is for, and the actor's right to submit it (S5: others answer not_found). */
async function subjectOf(deps: Deps, actor: Actor, input: SubmitInput): Promise<{ patientId: string; access: Access }> {
  if (actor.role === 'patient') {
    if (input.patientId && input.patientId !== actor.userId) throw new AppError('not_found');
    return { patientId: actor.userId, access: 'self' };
  }
  if (!input.patientId) throw new AppError('invalid', 'patientId: required when submitting for a patient', [{ path: 'patientId', message: 'required' }]);
  const access = await assertPatientAccess(deps, actor, input.patientId, 'checkins');
  // Clinicians may enter a performance status; symptom reports come from the patient or their proxy.
  if ((actor.role === 'navigator' || actor.role === 'specialist') && input.instrument !== 'ecog') throw new AppError('forbidden', 'Clinicians may enter ECOG only.');
  return { patientId: input.patientId, access };
}

function validateAnswers(instrument: InstrumentId, answers: Record<string, unknown>) {
  const parsed = answersSchema(instrument).safeParse(answers);
  if (!parsed.success) {
    const err = fromZod(parsed.error);
    const details = (err.details ?? []).map((d) => ({ path: d.path ? `answers.${d.path}` : 'answers', message: d.message }));
    throw new AppError('invalid', details[0] ? `${details[0].path}: ${details[0].message}` : undefined, details);
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * Scores a check-in, compares it with the patient's previous report of the same instrument, and stores it
 * with one alert per rule that fired (rules from the organization's rule set in force). Everything the
 * alerts need is read first; the check-in, the requests it completes, the alerts, their steps and the
 * audit rows are then written by ONE statement (no transaction held open, decision 0016). Queue adds and
 * socket pushes follow the commit; a lost escalation job is re-queued by `reconcileEscalations`.
 */
export async function submitCheckin(deps: Deps, actor: Actor, input: SubmitInput): Promise<SubmitResult> {
  const { patientId, access } = await subjectOf(deps, actor, input);
  const answers = validateAnswers(input.instrument, input.answers);
  const patient = (await getUser(deps, patientId))!;
  const rules = await ruleSetFor(deps.db, patient.orgId);
  const submittedAt = new Date();
  // Conditions (on systemic therapy) are read only when a rule of this instrument depends on one.
  const conditional = rules.rules.some((r) => r.instrument === input.instrument && r.when);
  const [previous, context] = await Promise.all([repo.previousCheckin(deps.db, patientId, input.instrument), conditional ? patientContext(deps, patientId, submittedAt) : {}]);
  const scores = score(input.instrument, answers);
  if (previous) scores.previousId = previous.id;
  const id = randomUUID();
  const fired = evaluate(rules.rules, input.instrument, scores, previous?.scores ?? null, context);
  const plans = await planAlerts(
    deps,
    patientId,
    fired.map((f) => ({ patientId, severity: f.rule.severity, source: 'checkin' as const, sourceId: id, ruleId: f.rule.id, reasons: f.reasons })),
    { patient },
  );
  const raised = freshAlertWrites(deps, plans);
  await writeAsOne(deps.db, [
    repo.insertCheckin(deps.db, { id, patientId, submittedBy: actor.userId, instrument: input.instrument, answers, scores, ruleSetId: rules.id, requestId: input.requestId ?? null, submittedAt }),
    repo.completeDueRequests(deps.db, patientId, id, input.instrument, submittedAt),
    ...raised.writes,
    deps.audit.rows([phiEntry(actor, { action: 'checkin.submit', patientId, targetType: 'checkin', targetId: id, access, details: { instrument: input.instrument, ruleSetVersion: rules.version } }), ...raised.audit]),
  ]);
  const locale = (actor.userId === patient.id ? patient : await getUser(deps, actor.userId))?.locale ?? 'en';
  const alerts: SubmitResult['alerts'] = [];
  for (const [i, plan] of plans.entries()) {
    const shown = await announceAlert(deps, plan, raised.rows[i]);
    // A symptom the navigator snoozed for this patient is recorded as suppressed, not shown.
    if (shown.status === 'suppressed') continue;
    alerts.push({ id: shown.id, severity: plan.data.severity, reasons: shown.reasons.map((r: AlertReason) => renderReason(locale, r)) });
  }
  const { previousId: _omit, ...shown } = scores;
  const result: SubmitResult = { id, instrument: input.instrument, scores: shown, alerts };
  if (fired.some((f) => f.rule.severity === 'urgent')) result.crisis = await crisisForPatient(deps, patient.id, locale);
  await taskEventsForCheckin(deps, id);
  return result;
}

/** A stored check-in for the task rules (DT routing, Hui criteria): ids and scores, no access check. */
export async function checkinForRules(deps: Deps, checkinId: string) {
  const c = await repo.findCheckin(deps.db, checkinId);
  return c ? { id: c.id, patientId: c.patientId, instrument: c.instrument, scores: c.scores, submittedAt: c.submittedAt } : null;
}

export { huiCriteriaMet } from './insights.ts';

// ----- reading -----

export async function patientHistory(deps: Deps, actor: Actor, patientId: string, instrument: InstrumentId | undefined, days: number) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const rows = await repo.history(deps.db, patientId, instrument, new Date(Date.now() - days * 86_400_000));
  await auditPhi(deps, actor, { action: 'checkin.read', patientId, targetType: 'checkin_history', access, details: { instrument: instrument ?? 'all', count: rows.length } });
  return rows.map((r) => ({ id: r.id, instrument: r.instrument, submittedAt: r.submittedAt.toISOString(), total: r.scores.total ?? null, items: r.scores.items, band: r.scores.band ?? null }));
}

/** What the patient's check-in screen offers: instruments, due requests, and which wording is shipped. */
export async function checkinHome(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const user = await getUser(deps, patientId);
  const open = await repo.openRequests(deps.db, patientId);
  await auditPhi(deps, actor, { action: 'checkin.home', patientId, targetType: 'checkin_requests', access });
  const schedule = await repo.getSchedule(deps.db, patientId);
  return {
    patientId,
    locale: user?.locale ?? 'en',
    instruments: INSTRUMENT_IDS.filter((i) => i !== 'ecog' || actor.role !== 'caregiver').map((id) => ({ id, languages: INSTRUMENT_LANGUAGES[id], items: INSTRUMENTS[id].items, problems: Boolean(INSTRUMENTS[id].problems), otherProblem: Boolean(INSTRUMENTS[id].otherProblem), temperature: Boolean(INSTRUMENTS[id].temperature) })),
    due: open.filter((r) => r.dueAt.getTime() <= Date.now()).map((r) => ({ id: r.id, dueAt: r.dueAt.toISOString(), instruments: r.instruments })),
    schedule: schedule ? scheduleView(schedule) : null,
  };
}

// ----- schedules (BullMQ job schedulers) -----

export const schedulerId = (patientId: string) => `checkin-${patientId}`;
export const DUE_JOB = 'checkin-due';
export const REMINDER_JOB = 'checkin-reminder';
export const TASK_JOB = 'checkin-task';

const scheduleView = (s: repo.ScheduleRow) => ({ frequency: s.frequency, instruments: s.instruments, hour: s.hour, timezone: s.timezone, active: s.active, version: s.version, updatedAt: s.updatedAt.toISOString() });

/** Cron pattern in the patient's time zone: weekly and biweekly on today's weekday, monthly on today's date (max 28). */
export function cronFor(frequency: ScheduleRequest['frequency'], hour: number, timezone: string, now = new Date()) {
  const local = weekdayAndDay(now, timezone);
  const dow = local.weekday % 7; // cron counts Sunday as 0
  const dom = Math.min(28, local.day);
  if (frequency === 'daily') return `0 ${hour} * * *`;
  if (frequency === 'monthly') return `0 ${hour} ${dom} * *`;
  return `0 ${hour} * * ${dow}`;
}

/** Creates, changes or stops a patient's schedule; the BullMQ job scheduler is replaced at once. */
export async function setSchedule(deps: Deps, actor: Actor, patientId: string, input: ScheduleRequest) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const patient = await getUser(deps, patientId);
  const timezone = input.timezone ?? patient?.timezone ?? 'UTC';
  const saved = await deps.db.transaction(async (tx) => {
    const row = await repo.upsertSchedule(tx as unknown as Db, { patientId, frequency: input.frequency, instruments: input.instruments, hour: input.hour, timezone, active: input.active, updatedBy: actor.userId });
    await auditPhi(deps, actor, { action: input.active ? 'checkin.schedule.set' : 'checkin.schedule.stop', patientId, targetType: 'checkin_schedule', access, details: { frequency: input.frequency, version: row.version } }, tx as unknown as Db);
    return row;
  });
  await applySchedule(deps, saved);
  return scheduleView(saved);
}

export async function getScheduleFor(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const s = await repo.getSchedule(deps.db, patientId);
  await auditPhi(deps, actor, { action: 'checkin.schedule.read', patientId, targetType: 'checkin_schedule', access });
  return s ? scheduleView(s) : null;
}

async function applySchedule(deps: Deps, s: repo.ScheduleRow) {
  const queue = deps.queues.get(QUEUES.checkins);
  if (!s.active) {
    await queue.removeJobScheduler(schedulerId(s.patientId));
    // Stopping takes effect at once: pending reminders and tasks of open requests go too.
    for (const r of await repo.openRequests(deps.db, s.patientId)) {
      for (const id of [`rem.${r.id}`, `task.${r.id}`]) {
        const job = await queue.getJob(id);
        if (job && (await job.isDelayed())) await job.remove().catch(() => undefined);
      }
    }
    return;
  }
  await queue.upsertJobScheduler(
    schedulerId(s.patientId),
    { pattern: cronFor(s.frequency, s.hour, s.timezone, s.updatedAt), tz: s.timezone },
    { name: DUE_JOB, data: { patientId: s.patientId, version: s.version } },
  );
}

/** The scheduler fired: open a request (once per occurrence), notify the patient, plan reminder and task. */
export async function checkinDue(deps: Deps, patientId: string, version: number, firedAt: number) {
  const s = await repo.getSchedule(deps.db, patientId);
  if (!s || !s.active || s.version !== version) return { skipped: 'stale' };
  if (s.frequency === 'biweekly') {
    // Weeks on the patient's calendar from the week the schedule was saved in, never elapsed 7-day blocks.
    if (calendarWeeksBetween(s.updatedAt, firedAt, s.timezone) % 2 === 1) return { skipped: 'off-week' };
  }
  const occurrence = new Date(firedAt).toISOString().slice(0, 13);
  const request = await repo.insertRequest(deps.db, { id: randomUUID(), patientId, occurrence, instruments: s.instruments, dueAt: new Date(firedAt) });
  await deps.audit.record({ actor: 'system:checkins', action: 'checkin.request', targetType: 'checkin_request', targetId: request.id, patientId, outcome: 'success', details: { occurrence } });
  await enqueueNotification(deps, `checkin.${request.id}.due`, { userId: patientId, template: 'checkins.due', refs: { request: request.id }, link: '/patient/checkin', channels: ['inapp', 'email'] });
  await planFollowUps(deps, patientId, request);
  return { requestId: request.id };
}

export async function planFollowUps(deps: Deps, patientId: string, request: repo.RequestRow) {
  const patient = await getUser(deps, patientId);
  const rules = await ruleSetFor(deps.db, patient!.orgId);
  const due = request.dueAt.getTime();
  const queue = deps.queues.get(QUEUES.checkins);
  const noHours = { days: [], start: '00:00', end: '00:00' };
  await queue.add(REMINDER_JOB, { requestId: request.id }, { jobId: `rem.${request.id}`, delay: Math.max(0, addDuration(due, rules.ladder.reminderAfter, noHours, 'UTC').getTime() - Date.now()) });
  await queue.add(TASK_JOB, { requestId: request.id }, { jobId: `task.${request.id}`, delay: Math.max(0, addDuration(due, rules.ladder.taskAfter, noHours, 'UTC').getTime() - Date.now()) });
}

export async function checkinReminder(deps: Deps, requestId: string) {
  const r = await repo.findRequest(deps.db, requestId);
  if (!r || r.completedAt) return { skipped: 'answered' };
  if (await repo.markRequest(deps.db, requestId, 'remindedAt')) {
    await deps.audit.record({ actor: 'system:checkins', action: 'checkin.remind', targetType: 'checkin_request', targetId: requestId, patientId: r.patientId, outcome: 'success' });
  }
  await enqueueNotification(deps, `checkin.${requestId}.reminder`, { userId: r.patientId, template: 'checkins.reminder', refs: { request: requestId }, link: '/patient/checkin', channels: ['inapp', 'email'] });
  return { reminded: true };
}

/** 72 h without an answer: a follow-up task for the patient's navigator (tasks rule `checkin_missed_follow_up`, once). */
export async function checkinTask(deps: Deps, requestId: string) {
  const r = await repo.findRequest(deps.db, requestId);
  if (!r || r.completedAt) return { skipped: 'answered' };
  await repo.markRequest(deps.db, requestId, 'taskRaisedAt');
  const task = await followUpMissedCheckin(deps, { requestId, patientId: r.patientId });
  return { taskId: task?.id ?? null };
}
