import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppointmentView, Conflict, CreateAppointmentRequest, Logistics, Participant, PatientResponseRequest, RescheduleRequest, ReminderSettings } from '../contracts/appointments.ts';
import { QUEUES } from '../contracts/jobs.ts';
import type { TimelineItem } from '../contracts/timeline.ts';
import { taskEventsForAppointment } from '../tasks/service.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { accessOf, addCareTeamMember, assertPatientAccess, auditPhi, caregivers, careTeam, getUser, getUsers, primaryNavigatorId, reachablePatients, requireManage, withAccess, type Access } from '../people/service.ts';
import { openConsultThread } from '../messaging/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { findConflicts, pairKey } from './conflicts.ts';
import { DEFAULT_OFFSETS_MINUTES, DEFAULT_QUIET, planReminders, reminderJobId } from './reminder-plan.ts';
import * as repo from './repo.ts';
import type { AppointmentKind, AppointmentStatus, ParticipantRole } from './tables.ts';

type Db = Deps['db'];

// ---- Video --------------------------------------------------------------------------------------------

export interface AppointmentForVideo {
  id: string;
  kind: AppointmentKind;
  patientId: string;
  /** Everyone allowed in the call: the patient and every listed participant. */
  participantIds: string[];
  /** Participants who may host (navigators and specialists). */
  hostIds: string[];
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the video domain needs to authorize a join (SECURITY.md S18). No access check or audit here:
 * the caller checks that the joining user is in `participantIds`. Unknown ids answer null.
 */
export async function getAppointmentForVideo(deps: Deps, appointmentId: string): Promise<AppointmentForVideo | null> {
  if (!UUID.test(appointmentId)) return null;
  const a = await repo.findAppointment(deps.db, appointmentId);
  if (!a) return null;
  const people = await repo.participantsOf(deps.db, [a.id]);
  const participantIds = [...new Set([a.patientId, ...people.map((p) => p.userId)])];
  const hostIds = people.filter((p) => p.userRole === 'navigator' || p.userRole === 'specialist').map((p) => p.userId);
  return { id: a.id, kind: a.kind, patientId: a.patientId, participantIds, hostIds, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), status: a.status };
}

// ---- Views --------------------------------------------------------------------------------------------

async function views(deps: Deps, rows: repo.AppointmentRow[], patientTimezone: string, conflicts?: Map<string, Conflict[]>): Promise<AppointmentView[]> {
  const people = await repo.participantsOf(deps.db, rows.map((r) => r.id));
  const users = new Map((await getUsers(deps, [...new Set(people.map((p) => p.userId))])).map((u) => [u.id, u]));
  const siteRows = new Map((await repo.sitesByIds(deps.db, [...new Set(rows.map((r) => r.siteId).filter((s): s is string => Boolean(s)))])).map((s) => [s.id, s]));
  return rows.map((a) => {
    const site = a.siteId ? siteRows.get(a.siteId) : undefined;
    const participants: Participant[] = people.filter((p) => p.appointmentId === a.id).map((p) => ({ userId: p.userId, name: users.get(p.userId)?.name ?? '', role: p.role }));
    participants.sort((x, y) => PARTICIPANT_ORDER.indexOf(x.role) - PARTICIPANT_ORDER.indexOf(y.role));
    return {
      id: a.id,
      patientId: a.patientId,
      kind: a.kind,
      title: a.title,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      timezone: site?.timezone ?? patientTimezone,
      siteId: a.siteId,
      siteName: site?.name ?? null,
      status: a.status,
      version: a.version,
      changeReason: a.changeReason,
      participants,
      logistics: a.logistics,
      conflicts: conflicts?.get(a.id) ?? [],
    };
  });
}

const PARTICIPANT_ORDER: ParticipantRole[] = ['patient', 'caregiver', 'navigator', 'specialist', 'interpreter', 'other'];

/** Conflict flags for every live appointment of a patient. */
export async function patientConflicts(deps: Deps, orgId: string, patientId: string, timezone: string): Promise<Map<string, Conflict[]>> {
  const rows = await repo.listForPatient(deps.db, patientId, { includeCancelled: false });
  const travel = new Map((await repo.travelTimesOf(deps.db, orgId)).map((t) => [pairKey(t.siteA, t.siteB), t.minutes]));
  return findConflicts(rows, travel, timezone);
}

async function patientTimezone(deps: Deps, patientId: string) {
  return (await getUser(deps, patientId))?.timezone ?? 'UTC';
}

// ---- Participants -------------------------------------------------------------------------------------

/**
 * Who may take part: the patient (always), members of the patient's care team (their care-team role),
 * caregivers the patient granted the appointments scope, and other navigators or specialists of the
 * organization. Anyone else (another patient, another organization) is refused as invalid.
 */
async function resolveParticipants(deps: Deps, actor: Actor, patientId: string, ids: string[]): Promise<Array<{ userId: string; role: ParticipantRole }>> {
  const wanted = [...new Set(ids.filter((id) => id !== patientId))];
  const [users, team, grants] = await Promise.all([getUsers(deps, wanted), careTeam(deps, patientId), caregivers(deps, patientId)]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const out: Array<{ userId: string; role: ParticipantRole }> = [{ userId: patientId, role: 'patient' }];
  const refused: string[] = [];
  for (const id of wanted) {
    const u = byId.get(id);
    const member = team.find((m) => m.userId === id);
    const grant = grants.find((g) => g.caregiverId === id);
    if (!u || u.orgId !== actor.orgId || u.disabledAt) refused.push(id);
    else if (member) out.push({ userId: id, role: member.role });
    else if (grant?.scopes.includes('appointments')) out.push({ userId: id, role: 'caregiver' });
    else if (u.role === 'navigator' || u.role === 'specialist') out.push({ userId: id, role: u.role });
    else refused.push(id);
  }
  if (refused.length) throw new AppError('invalid', 'Some participants cannot take part in this appointment.', refused.map((id) => ({ path: 'participantIds', message: `not allowed: ${id}` })));
  return out;
}

async function assertSite(deps: Deps, actor: Actor, siteId: string | null | undefined) {
  if (!siteId) return;
  const [site] = await repo.sitesByIds(deps.db, [siteId]);
  if (!site || site.orgId !== actor.orgId) throw new AppError('invalid', 'Unknown site.', [{ path: 'siteId', message: 'unknown site' }]);
}

// ---- Reminders (planning; sending is in reminders.ts) ---------------------------------------------------

/** Who gets reminders: the patient and the people who come for them (caregivers, interpreters). */
const REMINDED: ParticipantRole[] = ['patient', 'caregiver', 'interpreter'];

export async function reminderSettingsFor(deps: Deps, orgId: string): Promise<ReminderSettings> {
  const row = await repo.findSettings(deps.db, orgId);
  return row ? { offsetsMinutes: row.offsetsMinutes, quietStart: row.quietStart, quietEnd: row.quietEnd } : { offsetsMinutes: DEFAULT_OFFSETS_MINUTES, quietStart: DEFAULT_QUIET.start, quietEnd: DEFAULT_QUIET.end };
}

export async function updateReminderSettings(deps: Deps, actor: Actor, s: ReminderSettings) {
  await repo.upsertSettings(deps.db, { orgId: actor.orgId, offsetsMinutes: [...new Set(s.offsetsMinutes)].sort((a, b) => b - a), quietStart: s.quietStart, quietEnd: s.quietEnd, updatedBy: actor.userId });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'reminder_settings.update', targetType: 'organization', targetId: actor.orgId, outcome: 'success', requestId: actor.requestId });
  return reminderSettingsFor(deps, actor.orgId);
}

/** What planning needs from outside the transaction (PGlite has one connection: no deps.db inside a tx). */
async function planInputs(deps: Deps, orgId: string, participantLists: Array<Array<{ userId: string; role: ParticipantRole }>>) {
  const settings = await reminderSettingsFor(deps, orgId);
  const ids = [...new Set(participantLists.flat().filter((p) => REMINDED.includes(p.role)).map((p) => p.userId))];
  const timezones = new Map((await getUsers(deps, ids)).map((u) => [u.id, u.timezone]));
  return { settings, timezones };
}

async function planRows(db: Db, a: repo.AppointmentRow, participants: Array<{ userId: string; role: ParticipantRole }>, inputs: Awaited<ReturnType<typeof planInputs>>, now = new Date()) {
  const { settings, timezones } = inputs;
  const recipients = participants.filter((p) => REMINDED.includes(p.role) && timezones.has(p.userId));
  const rows = recipients.flatMap(({ userId }) =>
    planReminders({ startsAt: a.startsAt, offsetsMinutes: settings.offsetsMinutes, timezone: timezones.get(userId)!, quietStart: settings.quietStart, quietEnd: settings.quietEnd, now }).map((r) => ({
      jobId: reminderJobId(a.id, r.offsetMinutes, userId, a.version),
      appointmentId: a.id,
      userId,
      offsetMinutes: r.offsetMinutes,
      version: a.version,
      dueAt: r.dueAt,
      status: 'pending' as const,
    })),
  );
  await repo.insertReminders(db, rows);
}

/** BullMQ options of a reminder job: the id makes a second add a no-op (S14). */
export const reminderJobOptions = (jobId: string, dueAt: Date, now = Date.now()) => ({
  jobId,
  delay: Math.max(0, dueAt.getTime() - now),
  removeOnComplete: { age: 7 * 24 * 3600 },
});

/**
 * Brings the queue in line with the reminder rows of an appointment: every pending row has its delayed
 * job (adding an existing id is a no-op), every cancelled row's job is removed. Safe to run any number
 * of times, and the rows stay the truth: the worker re-checks the row before it sends.
 */
export async function syncReminderJobs(deps: Deps, appointmentId: string): Promise<void> {
  const queue = deps.queues.get(QUEUES.reminders);
  const rows = await repo.remindersOf(deps.db, appointmentId);
  const pending = rows.filter((r) => r.status === 'pending');
  if (pending.length) {
    await queue.addBulk(
      pending.map((r) => ({ name: 'reminder', data: { appointmentId: r.appointmentId, userId: r.userId, offsetMinutes: r.offsetMinutes, version: r.version }, opts: reminderJobOptions(r.jobId, r.dueAt) })),
    );
  }
  for (const r of rows.filter((x) => x.status === 'cancelled')) await queue.remove(r.jobId).catch(() => 0);
}

// ---- Commands -----------------------------------------------------------------------------------------

const defaultLogistics = (): Logistics => ({ interpreterNeeded: false, bring: [] });

export async function createAppointment(deps: Deps, actor: Actor, input: CreateAppointmentRequest) {
  // Booking decides who takes part: a standing relationship, never break-glass (S24).
  return book(deps, actor, input, accessOf(await requireManage(deps, actor, input.patientId)));
}

/**
 * The video consultation of an accepted referral, booked by its receiving specialist (docs/decisions/
 * 0508). The referrals domain has checked the referral (receiving side, consent to share) and put the
 * specialist on the care team for it; here the booking needs that live access, not a manager's.
 */
export async function bookReferralConsultation(deps: Deps, actor: Actor, input: { patientId: string; startsAt: Date; minutes: number; participantIds: string[]; title: string }) {
  const access = await assertPatientAccess(deps, actor, input.patientId, 'appointments');
  const endsAt = new Date(input.startsAt.getTime() + input.minutes * 60_000);
  return book(deps, actor, { patientId: input.patientId, kind: 'video', startsAt: input.startsAt.toISOString(), endsAt: endsAt.toISOString(), participantIds: input.participantIds, title: input.title }, access);
}

async function book(deps: Deps, actor: Actor, input: CreateAppointmentRequest, access: Access) {
  await assertSite(deps, actor, input.siteId);
  const participants = await resolveParticipants(deps, actor, input.patientId, input.participantIds);
  const inputs = await planInputs(deps, actor.orgId, [participants]);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertAppointment(tx, {
      id,
      orgId: actor.orgId,
      patientId: input.patientId,
      kind: input.kind,
      title: input.title ?? null,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      siteId: input.siteId ?? null,
      status: 'scheduled',
      logistics: input.logistics ?? defaultLogistics(),
      createdBy: actor.userId,
    });
    await repo.replaceParticipants(tx, id, participants);
    const row = (await repo.findAppointment(tx, id))!;
    await planRows(tx, row, participants, inputs);
    await auditPhi(deps, actor, { action: 'appointment.create', patientId: input.patientId, targetType: 'appointment', targetId: id, access }, tx);
  });
  await afterChange(deps, actor, id, 'scheduled');
  await openConsultation(deps, actor, input.patientId, id, participants);
  return getView(deps, id);
}

/**
 * A specialist booked with the patient joins the patient's care team for the consultation (so they
 * can read what it needs), and the consultation gets its consult thread with them.
 */
async function openConsultation(deps: Deps, actor: Actor, patientId: string, appointmentId: string, participants: Array<{ userId: string; role: ParticipantRole }>) {
  const specialists = participants.filter((p) => p.role === 'specialist');
  if (specialists.length === 0) return;
  const team = await careTeam(deps, patientId);
  for (const s of specialists) {
    if (!team.some((m) => m.userId === s.userId)) await addCareTeamMember(deps, actor, patientId, { userId: s.userId, role: 'specialist' });
    await openConsultThread(deps, actor, { patientId, specialistId: s.userId, consultationId: appointmentId });
  }
}

async function getView(deps: Deps, id: string): Promise<AppointmentView> {
  const a = (await repo.findAppointment(deps.db, id))!;
  const tz = await patientTimezone(deps, a.patientId);
  const [view] = await views(deps, [a], tz, await patientConflicts(deps, a.orgId, a.patientId, tz));
  return view!;
}

/** After a commit: queue jobs in line with the rows, tell the other participants. */
async function afterChange(deps: Deps, actor: Actor, id: string, event: 'scheduled' | 'rescheduled' | 'cancelled') {
  await syncReminderJobs(deps, id);
  if (event !== 'cancelled') await taskEventsForAppointment(deps, id);
  const a = (await repo.findAppointment(deps.db, id))!;
  const people = await repo.participantsOf(deps.db, [id]);
  // The participant list is a cache: only those who still have access to the patient hear about it.
  const reachable = new Set(await withAccess(deps, people.map((p) => p.userId), a.patientId, 'appointments'));
  for (const p of people) {
    if (p.userId === actor.userId || !reachable.has(p.userId)) continue;
    await enqueueNotification(deps, `appt-${id}-v${a.version}-${event}-${p.userId}`, {
      userId: p.userId,
      template: `appointments.${event}`,
      refs: { appointmentId: id },
      link: linkFor(p.userRole),
      channels: ['inapp', 'email'],
    });
  }
}

const linkFor = (role: string) => (role === 'patient' ? '/patient/appointments' : role === 'caregiver' ? '/caregiver/appointments' : role === 'navigator' ? '/navigator/schedule' : '/');

async function loadForChange(deps: Deps, actor: Actor, id: string): Promise<{ a: repo.AppointmentRow; access: Access }> {
  const a = UUID.test(id) ? await repo.findAppointment(deps.db, id) : undefined;
  if (!a) throw new AppError('not_found');
  const access = await assertPatientAccess(deps, actor, a.patientId, 'appointments');
  return { a, access };
}

/**
 * A navigator's change. Times or participants that really change raise the version: pending reminders of
 * the old version are cancelled and the new ones planned, in one transaction. The same change sent twice
 * changes nothing the second time (S14).
 */
export async function rescheduleAppointment(deps: Deps, actor: Actor, id: string, input: RescheduleRequest) {
  const { a: before, access } = await loadForChange(deps, actor, id);
  if (input.participantIds) await requireManage(deps, actor, before.patientId);
  if (before.status === 'cancelled') throw new AppError('conflict', 'The appointment is cancelled.');
  const kind = input.kind ?? before.kind;
  const siteId = input.siteId === undefined ? before.siteId : input.siteId;
  if (kind === 'in_person' && !siteId) throw new AppError('invalid', 'An in-person appointment needs a site.', [{ path: 'siteId', message: 'required' }]);
  if (input.siteId) await assertSite(deps, actor, input.siteId);
  const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
  if (endsAt <= startsAt) throw new AppError('invalid', 'endsAt must be after startsAt.', [{ path: 'endsAt', message: 'before start' }]);
  const participants = input.participantIds ? await resolveParticipants(deps, actor, before.patientId, input.participantIds) : undefined;
  const inputs = await planInputs(deps, before.orgId, [participants ?? [], await repo.participantsOf(deps.db, [id])]);
  let changed = false;
  let replanned = false;
  await deps.db.transaction(async (tx) => {
    const a = (await repo.lockAppointment(tx, id))!;
    if (a.status === 'cancelled') throw new AppError('conflict', 'The appointment is cancelled.');
    const current = await repo.participantsOf(tx, [id]);
    const sameParticipants = !participants || sameSet(participants.map((p) => `${p.userId}/${p.role}`), current.map((p) => `${p.userId}/${p.role}`));
    const timesChanged = startsAt.getTime() !== a.startsAt.getTime() || endsAt.getTime() !== a.endsAt.getTime();
    const otherChanged =
      kind !== a.kind || siteId !== a.siteId || (input.title !== undefined && input.title !== a.title) || (input.logistics !== undefined && JSON.stringify(input.logistics) !== JSON.stringify(a.logistics));
    if (!timesChanged && sameParticipants && !otherChanged) return;
    changed = true;
    replanned = timesChanged || !sameParticipants;
    const version = replanned ? a.version + 1 : a.version;
    await repo.updateAppointment(tx, id, {
      kind,
      siteId,
      startsAt,
      endsAt,
      title: input.title === undefined ? a.title : input.title,
      logistics: input.logistics ?? a.logistics,
      version,
      sequence: a.sequence + 1,
      // A new time needs the patient's confirmation again.
      ...(timesChanged ? { status: 'scheduled' as const, changeReason: null, changeRequestedBy: null } : {}),
    });
    if (participants && !sameParticipants) await repo.replaceParticipants(tx, id, participants);
    if (replanned) {
      await repo.setReminderStatus(tx, (await repo.pendingRemindersOf(tx, id)).map((r) => r.jobId), 'cancelled');
      await planRows(tx, (await repo.findAppointment(tx, id))!, participants ?? current, inputs);
    }
    await auditPhi(deps, actor, { action: 'appointment.update', patientId: a.patientId, targetType: 'appointment', targetId: id, access, details: { version, timesChanged } }, tx);
  });
  if (changed) await afterChange(deps, actor, id, replanned ? 'rescheduled' : 'scheduled');
  return getView(deps, id);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Cancels an appointment and every reminder still pending. Cancelling twice answers the same. */
export async function cancelAppointment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { access } = await loadForChange(deps, actor, id);
  let changed = false;
  await deps.db.transaction(async (tx) => {
    const a = (await repo.lockAppointment(tx, id))!;
    if (a.status === 'cancelled') return;
    changed = true;
    await repo.updateAppointment(tx, id, { status: 'cancelled', cancelledAt: new Date(), version: a.version + 1, sequence: a.sequence + 1 });
    await repo.setReminderStatus(tx, (await repo.pendingRemindersOf(tx, id)).map((r) => r.jobId), 'cancelled');
    await auditPhi(deps, actor, { action: 'appointment.cancel', patientId: a.patientId, targetType: 'appointment', targetId: id, access }, tx);
  });
  if (changed) await afterChange(deps, actor, id, 'cancelled');
}

/** The patient (or a caregiver with the appointments scope) confirms or asks for a change with a reason. */
export async function respondToAppointment(deps: Deps, actor: Actor, id: string, input: PatientResponseRequest) {
  const { a, access } = await loadForChange(deps, actor, id);
  if (a.status === 'cancelled') throw new AppError('conflict', 'The appointment is cancelled.');
  const status: AppointmentStatus = input.action === 'confirm' ? 'confirmed' : 'change_requested';
  const reason = input.action === 'request_change' ? input.reason : null;
  const unchanged = a.status === status && (a.changeReason ?? null) === reason;
  if (!unchanged) {
    await deps.db.transaction(async (tx) => {
      await repo.updateAppointment(tx, id, { status, changeReason: reason, changeRequestedBy: reason ? actor.userId : null });
      await auditPhi(deps, actor, { action: `appointment.${input.action}`, patientId: a.patientId, targetType: 'appointment', targetId: id, access }, tx);
    });
    if (input.action === 'request_change') {
      const people = await repo.participantsOf(deps.db, [id]);
      const navigators = new Set(people.filter((p) => p.role === 'navigator').map((p) => p.userId));
      const primary = await primaryNavigatorId(deps, a.patientId);
      if (primary) navigators.add(primary);
      for (const userId of navigators) {
        await enqueueNotification(deps, `appt-${id}-v${a.version}-change-${userId}-${createHash('sha256').update(reason ?? '').digest('hex').slice(0, 8)}`, {
          userId,
          template: 'appointments.changeRequested',
          refs: { appointmentId: id },
          link: '/navigator/schedule',
          channels: ['inapp', 'email'],
        });
      }
    }
  }
  return getView(deps, id);
}

// ---- Queries ------------------------------------------------------------------------------------------

export async function listAppointments(deps: Deps, actor: Actor, patientId: string, includeCancelled = false): Promise<AppointmentView[]> {
  const access = await assertPatientAccess(deps, actor, patientId, 'appointments');
  const patient = await getUser(deps, patientId);
  const tz = patient?.timezone ?? 'UTC';
  const rows = await repo.listForPatient(deps.db, patientId, { includeCancelled });
  await auditPhi(deps, actor, { action: 'appointment.list', patientId, targetType: 'appointments', access, details: { count: rows.length } });
  return views(deps, rows, tz, await patientConflicts(deps, patient?.orgId ?? actor.orgId, patientId, tz));
}

/**
 * A clinician's own appointments that end after `from` and start before `to` (the specialist's home):
 * being listed on one is a cache, so only those whose patient the clinician reaches now (S23).
 */
export async function appointmentsOfParticipant(deps: Deps, actor: Actor, from: Date, to: Date): Promise<AppointmentView[]> {
  const listed = (await repo.listForParticipant(deps.db, actor.userId, from)).map((r) => r.a).filter((a) => a.status !== 'cancelled' && a.startsAt < to);
  const reachable = await reachablePatients(deps, actor, listed.map((a) => a.patientId), 'appointments');
  const list: AppointmentView[] = [];
  for (const a of listed.filter((x) => reachable.has(x.patientId))) list.push(...(await views(deps, [a], await patientTimezone(deps, a.patientId))));
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'appointment.agenda.read', targetType: 'appointments', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { count: list.length } });
  return list;
}

export async function getAppointment(deps: Deps, actor: Actor, id: string): Promise<AppointmentView> {
  const { a, access } = await loadForChange(deps, actor, id);
  await auditPhi(deps, actor, { action: 'appointment.read', patientId: a.patientId, targetType: 'appointment', targetId: id, access });
  return getView(deps, id);
}

/** Navigators see the reminder plan of an appointment (who, when, sent or not). */
export async function listReminders(deps: Deps, actor: Actor, id: string) {
  const { a, access } = await loadForChange(deps, actor, id);
  await auditPhi(deps, actor, { action: 'appointment.reminders.read', patientId: a.patientId, targetType: 'appointment', targetId: id, access });
  const rows = await repo.remindersOf(deps.db, id);
  return rows.map((r) => ({ userId: r.userId, offsetMinutes: r.offsetMinutes, version: r.version, dueAt: r.dueAt.toISOString(), status: r.status, sentAt: r.sentAt?.toISOString() ?? null }));
}

// ---- Treatment plan, sites and travel times -----------------------------------------------------------

export async function addTreatmentItem(
  deps: Deps,
  actor: Actor,
  input: { patientId: string; kind: 'surgery' | 'chemotherapy' | 'radiotherapy' | 'other'; label?: string | undefined; startsAt: string; endsAt?: string | undefined; cycle?: number | undefined; cyclesTotal?: number | undefined; siteId?: string | undefined },
) {
  const access = await assertPatientAccess(deps, actor, input.patientId, 'appointments');
  await assertSite(deps, actor, input.siteId);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertTreatmentItem(tx, {
      id,
      patientId: input.patientId,
      kind: input.kind,
      label: input.label ?? null,
      startsAt: new Date(input.startsAt),
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      cycle: input.cycle ?? null,
      cyclesTotal: input.cyclesTotal ?? null,
      siteId: input.siteId ?? null,
      status: 'planned',
      createdBy: actor.userId,
    });
    await auditPhi(deps, actor, { action: 'treatment_item.create', patientId: input.patientId, targetType: 'treatment_item', targetId: id, access }, tx);
  });
  return { id };
}

export async function setTreatmentStatus(deps: Deps, actor: Actor, id: string, status: 'planned' | 'done' | 'cancelled') {
  const item = UUID.test(id) ? await repo.findTreatmentItem(deps.db, id) : undefined;
  if (!item) throw new AppError('not_found');
  const access = await assertPatientAccess(deps, actor, item.patientId, 'appointments');
  await deps.db.transaction(async (tx) => {
    await repo.updateTreatmentItem(tx, id, { status });
    await auditPhi(deps, actor, { action: 'treatment_item.update', patientId: item.patientId, targetType: 'treatment_item', targetId: id, access, details: { status } }, tx);
  });
}

export async function sitesWithTravel(deps: Deps, actor: Actor) {
  const [sites, travel] = await Promise.all([repo.orgSites(deps.db, actor.orgId), repo.travelTimesOf(deps.db, actor.orgId)]);
  return { sites, travelTimes: travel.map((t) => ({ fromSiteId: t.siteA, toSiteId: t.siteB, minutes: t.minutes })) };
}

/** Recorded travel time between two sites in minutes, or null when none was recorded. */
export async function travelMinutes(deps: Deps, orgId: string, a: string, b: string): Promise<number | null> {
  if (a === b) return 0;
  const [siteA, siteB] = [a, b].sort();
  return (await repo.travelTimesOf(deps.db, orgId)).find((t) => t.siteA === siteA && t.siteB === siteB)?.minutes ?? null;
}

/** An appointment as the task rules read it (interpreter booking): ids, times and logistics flags only. */
export async function appointmentForTasks(deps: Deps, id: string) {
  const a = await repo.findAppointment(deps.db, id);
  return a ? { id: a.id, orgId: a.orgId, patientId: a.patientId, status: a.status, startsAt: a.startsAt, interpreterNeeded: a.logistics.interpreterNeeded, interpreterLanguage: a.logistics.interpreterLanguage ?? null } : null;
}

export async function setTravelTime(deps: Deps, actor: Actor, input: { fromSiteId: string; toSiteId: string; minutes: number }) {
  const found = await repo.sitesByIds(deps.db, [input.fromSiteId, input.toSiteId]);
  if (found.length !== 2 || found.some((s) => s.orgId !== actor.orgId)) throw new AppError('invalid', 'Unknown site.');
  const [siteA, siteB] = [input.fromSiteId, input.toSiteId].sort() as [string, string];
  await repo.upsertTravelTime(deps.db, { siteA, siteB, orgId: actor.orgId, minutes: input.minutes, updatedBy: actor.userId });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'travel_time.update', targetType: 'site_pair', targetId: `${siteA}/${siteB}`, outcome: 'success', requestId: actor.requestId });
}

// ---- Reminder preferences -----------------------------------------------------------------------------

export async function reminderPreferences(deps: Deps, userId: string) {
  const row = await repo.findPreferences(deps.db, userId);
  return { email: row?.email ?? true, inapp: row?.inapp ?? true, sms: row?.sms ?? false, phone: row?.phone ?? null };
}

export async function setReminderPreferences(deps: Deps, actor: Actor, prefs: { email: boolean; inapp: boolean; sms: boolean; phone: string | null }) {
  await repo.upsertPreferences(deps.db, { userId: actor.userId, ...prefs });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'reminder_preferences.update', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId });
  return reminderPreferences(deps, actor.userId);
}

// ---- Calendar feed ------------------------------------------------------------------------------------

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates (or replaces) the user's private feed; the token is shown once and only its hash is kept. */
export async function rotateCalendarFeed(deps: Deps, actor: Actor): Promise<{ url: string }> {
  const token = randomBytes(32).toString('base64url');
  await deps.db.transaction(async (tx) => {
    await repo.revokeFeeds(tx, actor.userId);
    await repo.insertFeed(tx, { id: randomUUID(), userId: actor.userId, tokenHash: hashToken(token) });
  });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'calendar_feed.rotate', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId });
  return { url: `${deps.config.publicUrl}/api/calendar/${token}.ics` };
}

export async function revokeCalendarFeed(deps: Deps, actor: Actor): Promise<void> {
  await repo.revokeFeeds(deps.db, actor.userId);
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'calendar_feed.revoke', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId });
}

export async function calendarFeedStatus(deps: Deps, actor: Actor) {
  const feed = await repo.activeFeedOf(deps.db, actor.userId);
  return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null };
}

/** The feed's owner, or null for an unknown or revoked token. */
export async function feedOwner(deps: Deps, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const feed = await repo.feedByTokenHash(deps.db, hashToken(token));
  if (!feed) return null;
  const user = await getUser(deps, feed.userId);
  return user && !user.disabledAt ? { feedId: feed.id, user } : null;
}

// ---- Timeline source ----------------------------------------------------------------------------------

/** This domain's part of the care timeline: appointments and treatment plan items. */
export async function timelineItems(deps: Deps, actor: Actor, patientId: string): Promise<TimelineItem[]> {
  await assertPatientAccess(deps, actor, patientId, 'appointments');
  const [rows, treatment] = await Promise.all([repo.listForPatient(deps.db, patientId, { includeCancelled: true }), repo.treatmentItemsOf(deps.db, patientId)]);
  const siteNames = new Map((await repo.sitesByIds(deps.db, [...new Set([...rows, ...treatment].map((r) => r.siteId).filter((s): s is string => Boolean(s)))])).map((s) => [s.id, s.name]));
  const items: TimelineItem[] = rows.map((a) => ({
    id: `appointment-${a.id}`,
    kind: 'appointment',
    at: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    titleKey: `appointments:timeline.appointment.${a.kind}`,
    params: { site: a.siteId ? (siteNames.get(a.siteId) ?? '') : '', ...(a.title ? { title: a.title } : {}) },
    status: a.status,
    siteId: a.siteId,
    link: `/appointments/${a.id}`,
  }));
  for (const t of treatment) {
    items.push({
      id: `treatment-${t.id}`,
      kind: 'treatment',
      at: t.startsAt.toISOString(),
      endsAt: t.endsAt?.toISOString() ?? null,
      titleKey: `appointments:timeline.treatment.${t.kind}`,
      params: { site: t.siteId ? (siteNames.get(t.siteId) ?? '') : '', cycle: t.cycle ?? 0, cyclesTotal: t.cyclesTotal ?? 0, ...(t.label ? { label: t.label } : {}) },
      status: t.status,
      siteId: t.siteId,
    });
  }
  return items;
}

/** Days after the end of a chemotherapy item during which the patient still counts as on systemic therapy (nadir and recovery; decision 0204). */
export const SYSTEMIC_THERAPY_TAIL_DAYS = 30;

/** Whether the patient's treatment plan puts them on systemic therapy at `at` (for the fever rule). */
export const onSystemicTherapyByPlan = (deps: Deps, patientId: string, at = new Date()) => repo.chemotherapyCovers(deps.db, patientId, at, SYSTEMIC_THERAPY_TAIL_DAYS);
