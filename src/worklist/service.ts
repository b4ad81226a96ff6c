import { SEVERITY_RANK } from '../contracts/alerts.ts';
import type { AlertView } from '../contracts/alerts.ts';
import type { Worklist, WorklistAlert, WorklistAppointment, WorklistTask } from '../contracts/worklist.ts';
import { listAlerts } from '../alerts/service.ts';
import { listAppointments } from '../appointments/service.ts';
import { inbox } from '../messaging/service.ts';
import { caseload, getUser } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { board } from '../referrals/service.ts';
import { dueTasksForNavigator } from '../tasks/service.ts';

/** A referral this close to its deadline already belongs on today's list. */
export const NEAR_DEADLINE_DAYS = 2;
const OPEN_REFERRAL_STATES = new Set(['draft', 'sent', 'accepted', 'scheduled']);

const byQueueOrder = (a: AlertView, b: AlertView) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt);

const toEntry = (a: AlertView): WorklistAlert => ({
  id: a.id,
  patientId: a.patientId,
  patientName: a.patientName,
  severity: a.severity,
  status: a.status,
  overdue: a.overdue,
  dueAt: a.dueAt,
  createdAt: a.createdAt,
  reasons: a.reasons.map((r) => r.text),
});

/** The calendar day of an instant in a time zone, as YYYY-MM-DD (a label, never used for arithmetic). */
const dayIn = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/** Open tasks of the caseload due by the end of the next day (overdue ones included), soonest first. */
async function tasksDue(deps: Deps, actor: Actor, now: Date): Promise<WorklistTask[]> {
  const due = await dueTasksForNavigator(deps, actor, new Date(now.getTime() + 86_400_000));
  return due
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((t) => ({ id: t.id, patientId: t.patientId, patientName: t.patientName, type: t.type, title: t.title, dueAt: t.dueAt, overdue: t.overdue }));
}

async function appointmentsToday(deps: Deps, actor: Actor, now: Date): Promise<WorklistAppointment[]> {
  const timezone = (await getUser(deps, actor.userId))?.timezone ?? 'UTC';
  const today = dayIn(now, timezone);
  const patients = await caseload(deps, actor);
  const perPatient = await Promise.all(
    patients.map(async (p) =>
      (await listAppointments(deps, actor, p.id))
        .filter((a) => a.status !== 'cancelled' && dayIn(new Date(a.startsAt), timezone) === today)
        .map((a) => ({ id: a.id, patientId: p.id, patientName: p.name, kind: a.kind, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt, timezone: a.timezone, siteName: a.siteName })),
    ),
  );
  return perPatient.flat().sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The navigator's worklist, composed from each domain's service (each audits its own reads). */
export async function worklist(deps: Deps, actor: Actor, now = new Date()): Promise<Worklist> {
  const [active, threads, referrals, tasks, appointments] = await Promise.all([
    listAlerts(deps, actor, { status: 'active', assigned: 'any' }),
    inbox(deps, actor),
    board(deps, actor, { sort: 'deadline' }),
    tasksDue(deps, actor, now),
    appointmentsToday(deps, actor, now),
  ]);
  const near = now.getTime() + NEAR_DEADLINE_DAYS * 86_400_000;
  return {
    generatedAt: now.toISOString(),
    alerts: active.filter((a) => a.source !== 'missed_checkin' && (a.severity === 'urgent' || a.overdue)).sort(byQueueOrder).map(toEntry),
    threads: threads
      .filter((t) => t.awaitingReply)
      .sort((a, b) => (a.awaitingSince ?? a.lastMessageAt ?? '').localeCompare(b.awaitingSince ?? b.lastMessageAt ?? ''))
      .map((t) => ({ id: t.id, patientId: t.patientId, patientName: t.patientName, title: t.title, urgent: t.urgent, unread: t.unread, awaitingSince: t.awaitingSince })),
    referrals: referrals
      .filter((r) => OPEN_REFERRAL_STATES.has(r.state) && r.deadlineAt !== null && (r.overdue || Date.parse(r.deadlineAt) <= near))
      .map((r) => ({ id: r.id, patientId: r.patientId, patientName: r.patientName, type: r.type, state: r.state, toSiteName: r.toSiteName, deadlineAt: r.deadlineAt as string, overdue: r.overdue })),
    missedCheckins: active.filter((a) => a.source === 'missed_checkin').sort(byQueueOrder).map(toEntry),
    tasks,
    appointments,
  };
}
