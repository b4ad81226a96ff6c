import { randomUUID } from 'node:crypto';
import type { CreateThread, CrisisNotice, Message, SendResult, SyncResult, ThreadSummary } from '../contracts/messaging.ts';
import { LOCALES, type Locale } from '../contracts/common.ts';
import { auditRow, type AuditEntry } from '../platform/audit/audit.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { userRoom } from '../platform/realtime.ts';
import * as people from '../people/service.ts';
import { crisisForPatient } from '../alerts/service.ts';
import { raiseCrisisAlerts, urgentMatches } from './alerts.ts';
import { detectCrisis, type CrisisMatch } from './crisis.ts';
import { formatOpening, isOpen, nextOpening } from '../platform/time.ts';
import { cancelPendingNotification, notifyOffline } from './notify.ts';
import * as repo from './repo.ts';
import { knownThread, rememberThread } from './known-threads.ts';
import { crashAfterPersist, messagingSettings } from './settings.ts';

type Access = people.Access | 'member';
type Thread = repo.ThreadIdentity;

const PATIENT_SIDE = new Set(['patient', 'caregiver']);
const SYSTEM_ACTOR = 'system:messaging';

export const asLocale = (l: string | undefined): Locale => ((LOCALES as readonly string[]).includes(l ?? '') ? (l as Locale) : 'en');

// ---------------------------------------------------------------- membership

/**
 * Who belongs to a thread, decided by the server from people/service.ts: a care-team thread holds the
 * patient, caregivers granted the `messages` scope and the whole care team; a consult thread the patient,
 * those caregivers, the navigators and its specialist; a staff thread its staff members while they stay
 * on the patient's care team. Direct threads keep the two people they were opened for.
 */
function desiredMembers(
  thread: Thread,
  current: repo.MemberRow[],
  team: Awaited<ReturnType<typeof people.careTeam>>,
  caregivers: Awaited<ReturnType<typeof people.caregivers>>,
): Map<string, string> | null {
  if (thread.kind === 'direct' || !thread.patientId) return null;
  const patientId = thread.patientId;
  const onTeam = new Set(team.map((m) => m.userId));
  const want = new Map<string, string>();
  if (thread.kind === 'staff') {
    for (const m of current) if (!m.leftAt && onTeam.has(m.userId)) want.set(m.userId, m.role);
    return want;
  }
  want.set(patientId, 'patient');
  for (const c of caregivers) if (c.scopes.includes('messages')) want.set(c.caregiverId, 'caregiver');
  for (const m of team) {
    if (thread.kind === 'care_team' || m.role === 'navigator') want.set(m.userId, m.role);
  }
  if (thread.kind === 'consult') {
    for (const m of current) if (!m.leftAt && m.role === 'consult_specialist' && onTeam.has(m.userId)) want.set(m.userId, m.role);
  }
  return want;
}

/** Brings the stored members in line with the people they should be; returns the active members. */
export async function reconcile(deps: Deps, thread: Thread, stored?: repo.MemberRow[]): Promise<repo.MemberRow[]> {
  const patientBound = thread.kind !== 'direct' && thread.patientId;
  // The care team and caregivers come from people's node cache (dropped on every change): no query per message.
  const [current, team, caregivers] = await Promise.all([
    stored ?? repo.members(deps.db, thread.id),
    patientBound ? people.careTeam(deps, patientBound) : [],
    patientBound ? people.caregivers(deps, patientBound) : [],
  ]);
  const active = current.filter((m) => !m.leftAt);
  const want = desiredMembers(thread, current, team, caregivers);
  if (!want) return active;
  let changed = false;
  for (const [userId, role] of want) {
    if (active.some((m) => m.userId === userId && m.role === role)) continue;
    await repo.upsertMember(deps.db, thread.id, userId, role);
    changed = true;
  }
  const gone = active.filter((m) => !want.has(m.userId)).map((m) => m.userId);
  if (gone.length) {
    await repo.leave(deps.db, thread.id, gone);
    changed = true;
  }
  return changed ? (await repo.members(deps.db, thread.id)).filter((m) => !m.leftAt) : active;
}

async function deny(deps: Deps, actor: Actor, threadId: string, patientId?: string | null): Promise<never> {
  await deps.audit.record({
    actor: actor.userId,
    actorRole: actor.role,
    action: 'thread.access',
    targetType: 'thread',
    targetId: threadId,
    patientId: patientId ?? undefined,
    outcome: 'denied',
    requestId: actor.requestId,
  });
  throw new AppError('not_found');
}

export interface OpenThread {
  thread: Thread;
  access: Access;
  members: repo.MemberRow[];
}

/**
 * The one access rule for threads (SECURITY.md S4/S5): a thread of another organization, a patient the
 * actor may not see, or a thread the actor is not a member of all answer `not_found`, audited as denied.
 * Break-glass access may read a care-team thread without being a member.
 */
export async function openThread(deps: Deps, actor: Actor, threadId: string): Promise<OpenThread> {
  const found = await repo.threadWithMembers(deps.db, threadId);
  if (!found || found.thread.orgId !== actor.orgId) return deny(deps, actor, threadId);
  const { thread } = found;
  rememberThread(thread);
  if (thread.patientId && thread.kind === 'staff' && PATIENT_SIDE.has(actor.role)) return deny(deps, actor, threadId, thread.patientId);
  // The access check and the membership sync are independent reads: run them together.
  const [access, members] = await Promise.all([
    thread.patientId ? people.assertPatientAccess(deps, actor, thread.patientId, 'messages') : ('member' as const),
    reconcile(deps, thread, found.members),
  ]);
  const isMember = members.some((m) => m.userId === actor.userId);
  if (!isMember && !(access === 'emergency' && thread.kind === 'care_team')) return deny(deps, actor, threadId, thread.patientId);
  return { thread, access, members };
}

/** The audit entry of a thread action: a PHI entry when the thread is about a patient. */
function threadAuditEntry(actor: Actor, open: Pick<OpenThread, 'thread' | 'access'>, action: string, targetId: string, details?: Record<string, string | number | boolean | null>): AuditEntry {
  if (open.thread.patientId) {
    return people.phiEntry(actor, { action, patientId: open.thread.patientId, targetType: 'thread', targetId, access: open.access === 'member' ? undefined : open.access, details });
  }
  return { actor: actor.userId, actorRole: actor.role, action, targetType: 'thread', targetId, outcome: 'success', requestId: actor.requestId, details };
}

async function auditThread(deps: Deps, actor: Actor, open: Pick<OpenThread, 'thread' | 'access'>, action: string, targetId: string, details?: Record<string, string | number | boolean | null>) {
  await deps.audit.record(threadAuditEntry(actor, open, action, targetId, details));
}

// ---------------------------------------------------------------- threads

/** The patient's care-team thread, created the first time anyone needs it. */
export async function ensureCareTeamThread(deps: Deps, patientId: string): Promise<repo.ThreadRow> {
  const existing = await repo.careTeamThread(deps.db, patientId);
  if (existing) return existing;
  const user = await people.getUser(deps, patientId);
  if (!user || !(await people.isPatient(deps, patientId))) throw new AppError('not_found');
  await repo.insertThread(deps.db, {
    id: randomUUID(),
    orgId: user.orgId,
    kind: 'care_team',
    patientId,
    assignedNavigatorId: await people.primaryNavigatorId(deps, patientId),
  });
  const thread = await repo.careTeamThread(deps.db, patientId);
  if (!thread) throw new Error('care-team thread not created');
  await reconcile(deps, thread);
  return thread;
}

/** Patients whose care-team thread the actor should see in their list. */
async function relatedPatients(deps: Deps, actor: Actor): Promise<string[]> {
  if (actor.role === 'patient') return [actor.userId];
  if (actor.role === 'caregiver') return (await people.caregiverPatients(deps, actor)).filter((p) => p.scopes.includes('messages')).map((p) => p.id);
  if (actor.role === 'navigator' || actor.role === 'specialist') return (await people.caseload(deps, actor)).map((p) => p.id);
  return [];
}

export async function listThreads(deps: Deps, actor: Actor): Promise<ThreadSummary[]> {
  const patientIds = new Set(await relatedPatients(deps, actor));
  let rows = await repo.threadsOf(deps.db, actor.userId);
  let changed = false;
  const seen = new Set(rows.filter((r) => r.thread.kind === 'care_team').map((r) => r.thread.patientId));
  for (const patientId of patientIds) {
    if (seen.has(patientId)) continue;
    const thread = await ensureCareTeamThread(deps, patientId);
    await reconcile(deps, thread);
    changed = true;
  }
  // A caregiver whose grant was revoked, or staff who left a care team, drop out of those threads now.
  for (const r of rows) {
    if (!r.thread.patientId || r.thread.kind === 'direct') continue;
    if (PATIENT_SIDE.has(actor.role) && !patientIds.has(r.thread.patientId)) {
      await reconcile(deps, r.thread);
      changed = true;
    }
  }
  if (changed) rows = await repo.threadsOf(deps.db, actor.userId);
  const summaries = await summarise(deps, actor, rows);
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'thread.list', targetType: 'thread', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { threads: summaries.length } });
  return summaries;
}

async function summarise(deps: Deps, actor: Actor, rows: Awaited<ReturnType<typeof repo.threadsOf>>): Promise<ThreadSummary[]> {
  const memberRows = await repo.activeMembersOf(deps.db, rows.map((r) => r.thread.id));
  const userIds = new Set(memberRows.map((m) => m.userId));
  for (const r of rows) if (r.thread.patientId) userIds.add(r.thread.patientId);
  const users = new Map((await people.getUsers(deps, [...userIds])).map((u) => [u.id, u]));
  return rows.map(({ thread, lastReadSeq, muted, unread, preview, awaitingSinceMs }) => {
    const members = memberRows.filter((m) => m.threadId === thread.id);
    const patientName = thread.patientId ? (users.get(thread.patientId)?.name ?? null) : null;
    const other = members.find((m) => m.userId !== actor.userId);
    return {
      id: thread.id,
      kind: thread.kind,
      patientId: thread.patientId,
      patientName,
      title: thread.kind === 'direct' ? (users.get(other?.userId ?? '')?.name ?? '') : (patientName ?? ''),
      lastSeq: thread.lastSeq,
      lastReadSeq,
      unread: Number(unread),
      muted,
      lastMessageAt: thread.lastMessageAt?.toISOString() ?? null,
      awaitingReply: thread.awaitingReply,
      awaitingSince: thread.awaitingReply && awaitingSinceMs !== null ? new Date(Number(awaitingSinceMs)).toISOString() : null,
      lastMessagePreview: preview ?? null,
      urgent: thread.urgent,
      assignedNavigatorId: thread.assignedNavigatorId,
      members: members.map((m) => ({ userId: m.userId, name: users.get(m.userId)?.name ?? '', role: m.role, lastReadSeq: m.lastReadSeq })),
    };
  });
}

export async function threadSummary(deps: Deps, actor: Actor, threadId: string): Promise<ThreadSummary> {
  const open = await openThread(deps, actor, threadId);
  const rows = (await repo.threadsOf(deps.db, actor.userId)).filter((r) => r.thread.id === threadId);
  const [summary] = await summarise(deps, actor, rows);
  if (!summary) throw new AppError('not_found');
  await auditThread(deps, actor, open, 'thread.read', threadId);
  return summary;
}

/** Staff threads about a patient, direct threads between staff, consult threads for a consultation. */
export async function createThread(deps: Deps, actor: Actor, input: CreateThread): Promise<{ id: string; created: boolean }> {
  if (input.kind === 'consult') return openConsultThread(deps, actor, input);
  if (input.kind === 'direct') {
    const other = await people.getUser(deps, input.userId);
    if (!other || other.orgId !== actor.orgId || other.disabledAt || other.id === actor.userId || PATIENT_SIDE.has(other.role) || other.role === 'admin') {
      throw new AppError('not_found');
    }
    const directKey = [actor.userId, other.id].sort().join(':');
    const existing = await repo.directThread(deps.db, directKey);
    if (existing) return { id: existing.id, created: false };
    const id = randomUUID();
    const created = await deps.db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      if (!(await repo.insertThread(t, { id, orgId: actor.orgId, kind: 'direct', directKey, createdBy: actor.userId }))) return false;
      await repo.upsertMember(t, id, actor.userId, actor.role);
      await repo.upsertMember(t, id, other.id, other.role);
      await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'thread.create', targetType: 'thread', targetId: id, outcome: 'success', requestId: actor.requestId, details: { kind: 'direct' } }, t);
      return true;
    });
    return created ? { id, created } : { id: (await repo.directThread(deps.db, directKey))?.id ?? id, created: false };
  }
  // Staff-only thread about a patient: every member must be on the patient's care team.
  await people.assertPatientAccess(deps, actor, input.patientId, 'profile');
  const team = await people.careTeam(deps, input.patientId);
  const wanted = new Set([actor.userId, ...input.memberIds]);
  const roles = new Map(team.map((m) => [m.userId, m.role as string]));
  for (const userId of wanted) if (!roles.has(userId)) throw new AppError('invalid', 'Every member must be on the patient’s care team.');
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await repo.insertThread(t, { id, orgId: actor.orgId, kind: 'staff', patientId: input.patientId, createdBy: actor.userId });
    for (const userId of wanted) await repo.upsertMember(t, id, userId, roles.get(userId) ?? 'navigator');
    await people.auditPhi(deps, actor, { action: 'thread.create', patientId: input.patientId, targetType: 'thread', targetId: id, details: { kind: 'staff', members: wanted.size } }, t);
  });
  return { id, created: true };
}

/**
 * The consult thread of a consultation: the patient, granted caregivers, the navigators and the
 * consultation's specialist (who must already be on the care team). Called by the appointments domain
 * when a consultation is booked, and by a navigator through POST /api/threads.
 */
/** The consult thread of a consultation (a video or phone appointment), if one was opened. */
export async function consultThreadIdFor(deps: Deps, consultationId: string): Promise<string | null> {
  return (await repo.consultThread(deps.db, consultationId))?.id ?? null;
}

export async function openConsultThread(deps: Deps, actor: Actor, input: { patientId: string; specialistId: string; consultationId: string }) {
  await people.assertPatientAccess(deps, actor, input.patientId, 'profile');
  const team = await people.careTeam(deps, input.patientId);
  if (!team.some((m) => m.userId === input.specialistId && m.role === 'specialist')) throw new AppError('invalid', 'The specialist is not on the patient’s care team.');
  const existing = await repo.consultThread(deps.db, input.consultationId);
  if (existing) {
    if (existing.patientId !== input.patientId) throw new AppError('conflict');
    return { id: existing.id, created: false };
  }
  const id = randomUUID();
  const inserted = await repo.insertThread(deps.db, { id, orgId: actor.orgId, kind: 'consult', patientId: input.patientId, consultationId: input.consultationId, createdBy: actor.userId });
  const thread = await repo.consultThread(deps.db, input.consultationId);
  if (!thread) throw new Error('consult thread not created');
  if (inserted) {
    await repo.upsertMember(deps.db, thread.id, input.specialistId, 'consult_specialist');
    await reconcile(deps, thread);
    await people.auditPhi(deps, actor, { action: 'thread.create', patientId: input.patientId, targetType: 'thread', targetId: thread.id, details: { kind: 'consult' } });
  }
  return { id: thread.id, created: inserted };
}

export async function setMuted(deps: Deps, actor: Actor, threadId: string, muted: boolean) {
  await openThread(deps, actor, threadId);
  await repo.setMuted(deps.db, threadId, actor.userId, muted);
}

// ---------------------------------------------------------------- messages

async function toMessages(deps: Deps, rows: repo.MessageRow[]): Promise<Message[]> {
  const files = await repo.attachmentsOfMessages(deps.db, rows.map((r) => r.id));
  return rows.map((r) => toMessage(r, files.filter((f) => f.messageId === r.id)));
}

function toMessage(r: repo.MessageRow, files: repo.AttachmentRow[]): Message {
  return {
    id: r.id,
    threadId: r.threadId,
    seq: r.seq,
    senderId: r.senderId,
    clientId: r.clientId,
    kind: r.kind,
    body: r.body,
    attachments: files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
    createdAt: r.createdAt.toISOString(),
  };
}

/** History: the page before `before` (newest page without it), or everything after `after` (catch-up). */
export async function history(deps: Deps, actor: Actor, threadId: string, q: { before?: number | undefined; after?: number | undefined; limit: number }): Promise<SyncResult> {
  const open = await openThread(deps, actor, threadId);
  let rows: repo.MessageRow[];
  let hasMore: boolean;
  if (q.after !== undefined) {
    rows = await repo.messagesAfter(deps.db, threadId, q.after, q.limit + 1);
    hasMore = rows.length > q.limit;
    rows = rows.slice(0, q.limit);
  } else {
    rows = await repo.messagesBefore(deps.db, threadId, q.before, q.limit + 1);
    hasMore = rows.length > q.limit;
    rows = rows.slice(rows.length > q.limit ? 1 : 0);
  }
  await auditThread(deps, actor, open, 'message.read', threadId, { count: rows.length });
  return { messages: await toMessages(deps, rows), hasMore };
}

export interface Sent {
  result: SendResult;
  /** Deliver to members and run the follow-ups (offline e-mail, out-of-hours answer); call after the ack. */
  after: () => Promise<void>;
}

/**
 * Exactly-once sending (SECURITY.md S17): validate, persist with the thread's next sequence number (a
 * repeat client id is absorbed by a unique key and answered with the stored message), then the caller
 * acknowledges, then `after()` delivers to every member's `user:<id>` room on every node.
 */
export async function sendMessage(deps: Deps, actor: Actor, input: { threadId: string; clientId: string; body: string; attachmentIds?: string[] | undefined }): Promise<Sent> {
  await deps.rateLimits.consume('message', actor.userId, messagingSettings.rateLimit.points, messagingSettings.rateLimit.seconds);
  const open = (!input.attachmentIds?.length && (await openCareTeamToSend(deps, actor, input.threadId))) || (await openThread(deps, actor, input.threadId));
  const { thread } = open;
  if (open.members && !open.members.some((m) => m.userId === actor.userId)) throw new AppError('forbidden');
  // A repeated send is answered from the thread as openThread sees it (the hot path skipped reading its members).
  const whole = async (): Promise<OpenThread> => (open.members ? { ...open, members: open.members } : openThread(deps, actor, thread.id));

  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  const files = attachmentIds.length ? await repo.attachmentsByIds(deps.db, attachmentIds) : [];
  if (files.filter((f) => f.uploaderId === actor.userId && f.threadId === thread.id && !f.messageId).length !== attachmentIds.length) {
    // Attachments already sent: this may be a repeat of that very send.
    const repeat = await repo.messageByClientId(deps.db, actor.userId, input.clientId);
    if (repeat) return answerRepeat(deps, actor, await whole(), repeat);
    throw new AppError('invalid', 'An attachment is unknown or already sent.', [{ path: 'attachmentIds', message: 'unknown or already sent' }]);
  }

  const patientSide = PATIENT_SIDE.has(actor.role);
  const crisis = patientSide && thread.patientId && thread.kind !== 'staff' ? await urgentMatches(deps, thread.patientId, detectCrisis(input.body)) : [];
  const flags = patientSide ? { awaitingReply: true, ...(crisis.length ? { urgent: true } : {}) } : { awaitingReply: false, urgent: false };
  const id = randomUUID();
  // Sequence number, message, attachments and audit row in one statement (decision 0019).
  const audit = auditRow(threadAuditEntry(actor, open, 'message.create', id, { threadId: thread.id, attachments: attachmentIds.length }));
  const sent = await repo.insertNextMessage(deps.db, flags, { id, threadId: thread.id, senderId: actor.userId, clientId: input.clientId, kind: 'user', body: input.body }, { audit, attachmentIds });
  if (!sent) {
    const stored = await repo.messageByClientId(deps.db, actor.userId, input.clientId);
    if (!stored) throw new AppError('conflict');
    return answerRepeat(deps, actor, await whole(), stored);
  }
  crashAfterPersist(input.clientId);

  // The members as the send found them, brought in line with the people they should be (as openThread does).
  const opened: OpenThread = { thread, access: open.access, members: await reconcile(deps, thread, sent.members) };
  const message = toMessage(sent.message, files);
  const notice = crisis.length ? await onCrisis(deps, thread, sent.message, crisis, actor) : undefined;
  return {
    result: notice ? { message, crisis: notice } : { message },
    after: () => afterSend(deps, actor, opened, message, notice),
  };
}

/**
 * The hot path of a send (decision 0023): a care-team thread this process already knows, whose members follow
 * from people's cached care team and caregivers, is opened with no statement; its stored members come back
 * with the insert. Anything else (unknown thread, another kind, an actor who would not be a member) returns
 * undefined and goes through openThread, which decides and audits the denial.
 */
async function openCareTeamToSend(deps: Deps, actor: Actor, threadId: string): Promise<{ thread: Thread; access: Access; members?: undefined } | undefined> {
  const thread = knownThread(threadId);
  if (!thread || thread.kind !== 'care_team' || !thread.patientId || thread.orgId !== actor.orgId) return undefined;
  const [access, team, caregivers] = await Promise.all([
    people.assertPatientAccess(deps, actor, thread.patientId, 'messages'),
    people.careTeam(deps, thread.patientId),
    people.caregivers(deps, thread.patientId),
  ]);
  return desiredMembers(thread, [], team, caregivers)?.has(actor.userId) ? { thread, access } : undefined;
}

/** A repeat send: the stored message, delivered again only if the first attempt died before delivering. */
async function answerRepeat(deps: Deps, actor: Actor, open: OpenThread, stored: repo.MessageRow): Promise<Sent> {
  if (stored.threadId !== open.thread.id) throw new AppError('conflict', 'This client id was used for another thread.');
  const [message] = await toMessages(deps, [stored]);
  if (!message) throw new Error('message not read back');
  const undelivered = !(await repo.wasDelivered(deps.redis, deps.key, stored.id));
  const crisis = undelivered && PATIENT_SIDE.has(actor.role) && open.thread.patientId && open.thread.kind !== 'staff' ? await urgentMatches(deps, open.thread.patientId, detectCrisis(stored.body)) : [];
  const notice = crisis.length ? await onCrisis(deps, open.thread, stored, crisis, actor) : undefined;
  return {
    result: notice ? { message, crisis: notice } : { message },
    after: undelivered ? () => afterSend(deps, actor, open, message, notice) : async () => undefined,
  };
}

async function onCrisis(deps: Deps, thread: Thread, row: repo.MessageRow, matches: CrisisMatch[], actor: Actor): Promise<CrisisNotice> {
  const patientId = thread.patientId ?? actor.userId;
  const patient = await people.getUser(deps, patientId);
  // The patient sees crisis resources whatever happens here; a failed alert is an operator error
  // (ids only), and a retried send raises it again (raiseAlert is idempotent by message id).
  await raiseCrisisAlerts(deps, { patientId, messageId: row.id, matches }).catch((err: unknown) =>
    deps.logger.error({ messageId: row.id, threadId: row.threadId, err: (err as Error).name }, 'crisis alert could not be raised'),
  );
  const locale = asLocale(actor.role === 'patient' ? patient?.locale : (await people.getUser(deps, actor.userId))?.locale);
  // The same crisis data as check-ins: the patient's country, in the reader's language.
  return { categories: matches.map((m) => m.category), locale, resources: await crisisForPatient(deps, patientId, locale) };
}

/** Emits to every member's user room: the Redis adapter carries it to their sockets on every node. */
export function deliver(deps: Deps, memberIds: string[], message: Message) {
  if (!deps.io || memberIds.length === 0) return;
  deps.io.to(memberIds.map(userRoom)).emit('message:new', { message });
}

async function afterSend(deps: Deps, actor: Actor, open: OpenThread, message: Message, crisis: CrisisNotice | undefined) {
  // One delivery per message, whether the first send or a repeat after a crash gets here first.
  if (!(await repo.claimDelivery(deps.redis, deps.key, message.id))) return;
  deliver(deps, open.members.map((m) => m.userId), message);
  if (crisis && deps.io) {
    const rooms = [actor.userId, ...(open.thread.patientId ? [open.thread.patientId] : [])].map(userRoom);
    deps.io.to(rooms).emit('message:crisis', { threadId: message.threadId, messageId: message.id, crisis });
  }
  await notifyOffline(deps, open, message, actor.userId);
  if (PATIENT_SIDE.has(actor.role) && open.thread.kind === 'care_team') await outOfHoursAnswer(deps, open);
}

/** Posts an automatic or system message (no sender) and delivers it. */
async function postSystemMessage(deps: Deps, open: OpenThread, kind: 'auto' | 'system', body: string, action: string): Promise<Message> {
  const id = randomUUID();
  const audit = auditRow({ actor: SYSTEM_ACTOR, action, targetType: 'message', targetId: id, patientId: open.thread.patientId ?? undefined, outcome: 'success', details: { threadId: open.thread.id } });
  const sent = await repo.insertNextMessage(deps.db, {}, { id, threadId: open.thread.id, senderId: null, clientId: null, kind, body }, { audit });
  if (!sent) throw new Error('system message not stored');
  const message = toMessage(sent.message, []);
  if (await repo.claimDelivery(deps.redis, deps.key, id)) deliver(deps, open.members.map((m) => m.userId), message);
  return message;
}

const MINUTE_MS = 60_000;
type HoursEntry = { at: number; value: Awaited<ReturnType<typeof people.getOrganization>>; minute?: number; open?: boolean };
const hoursCache = new Map<string, HoursEntry>();
/** Working hours change rarely: each process reads them at most once a minute per organization. */
async function organizationHours(deps: Deps, orgId: string): Promise<HoursEntry> {
  const hit = hoursCache.get(orgId);
  if (hit && Date.now() - hit.at < messagingSettings.hoursCacheMs) return hit;
  const entry = { at: Date.now(), value: await people.getOrganization(deps, orgId) };
  hoursCache.set(orgId, entry);
  return entry;
}

/**
 * Whether the organization is open at `now`. Hours start and end on a whole local minute and every zone's
 * offset is whole minutes, so the answer holds for the whole UTC minute: it is worked out (time zones,
 * holidays) once a minute per organization, not per message (decision 0019).
 */
function openAt(entry: HoursEntry, now: Date): boolean {
  const org = entry.value;
  if (!org) return true;
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  if (entry.minute !== minute) Object.assign(entry, { minute, open: isOpen(now, org.workingHours, org.timezone) });
  return entry.open === true;
}

/**
 * Outside the organization's working hours a patient's message gets one automatic answer (per thread
 * per 12 h): when to expect a reply and what to do in an emergency, in the patient's language.
 */
export async function outOfHoursAnswer(deps: Deps, open: OpenThread, now = new Date()): Promise<Message | null> {
  const hours = await organizationHours(deps, open.thread.orgId);
  const org = hours.value;
  if (!org || openAt(hours, now)) return null;
  const first = await deps.redis.set(deps.key('msg', 'ooh', open.thread.id), '1', 'EX', messagingSettings.outOfHoursRepeatSeconds, 'NX');
  if (first !== 'OK') return null;
  const patient = open.thread.patientId ? await people.getUser(deps, open.thread.patientId) : undefined;
  const locale = asLocale(patient?.locale);
  const t = translator(locale, 'messaging');
  const opening = nextOpening(now, org.workingHours, org.timezone);
  const body = t('auto.outOfHours', { opening: opening ? formatOpening(opening, org.timezone, locale) : t('auto.soon') });
  return postSystemMessage(deps, open, 'auto', body, 'message.auto_reply');
}

export async function markRead(deps: Deps, actor: Actor, threadId: string, seq: number): Promise<{ threadId: string; seq: number }> {
  const open = await openThread(deps, actor, threadId);
  const stored = await repo.markRead(deps.db, threadId, actor.userId, seq);
  if (stored === undefined) throw new AppError('not_found');
  await cancelPendingNotification(deps, threadId, actor.userId, stored);
  deps.io?.to(open.members.map((m) => userRoom(m.userId))).emit('message:read', { threadId, userId: actor.userId, seq: stored });
  return { threadId, seq: stored };
}

/** Typing goes through the same live check as a message, both ways: stored members are reconciled first (S23). */
export async function typing(deps: Deps, actor: Actor, threadId: string, isTyping: boolean) {
  const open = await openThread(deps, actor, threadId);
  const others = open.members.filter((m) => m.userId !== actor.userId);
  if (others.length) deps.io?.to(others.map((m) => userRoom(m.userId))).emit('thread:typing', { threadId, userId: actor.userId, typing: isTyping });
  return {};
}

// ---------------------------------------------------------------- navigator inbox

/** The navigator's inbox: every thread of the caseload and their own, urgent first, then unanswered, then newest. */
export async function inbox(deps: Deps, actor: Actor): Promise<ThreadSummary[]> {
  const threads = await listThreads(deps, actor);
  const rank = (t: ThreadSummary) => (t.urgent ? 2 : 0) + (t.awaitingReply ? 1 : 0);
  return threads.sort((a, b) => rank(b) - rank(a) || (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''));
}

/** Hands a patient's care-team thread over to another navigator, who joins the care team if needed. */
export async function handOver(deps: Deps, actor: Actor, threadId: string, navigatorId: string) {
  const open = await openThread(deps, actor, threadId);
  if (open.thread.kind !== 'care_team' || !open.thread.patientId) throw new AppError('invalid', 'Only a care-team thread can be handed over.');
  // Handing over changes who has access: a standing relationship, never break-glass (S24).
  await people.requireManage(deps, actor, open.thread.patientId);
  const target = await people.getUser(deps, navigatorId);
  if (!target || target.orgId !== actor.orgId || target.role !== 'navigator' || target.disabledAt) throw new AppError('not_found');
  const patientId = open.thread.patientId;
  if (!(await people.careTeam(deps, patientId)).some((m) => m.userId === navigatorId)) {
    await people.addCareTeamMember(deps, actor, patientId, { userId: navigatorId, role: 'navigator' });
  }
  await repo.setThreadFlags(deps.db, threadId, { assignedNavigatorId: navigatorId });
  await people.auditPhi(deps, actor, { action: 'thread.handover', patientId, targetType: 'thread', targetId: threadId, details: { to: navigatorId } });
  const members = await reconcile(deps, open.thread);
  const patient = await people.getUser(deps, patientId);
  const body = translator(asLocale(patient?.locale), 'messaging')('system.handover', { name: target.name });
  const message = await postSystemMessage(deps, { ...open, members }, 'system', body, 'message.handover');
  return { assignedNavigatorId: navigatorId, message };
}

/** Navigators of the organization a thread can be handed over to. */
export async function handoverCandidates(deps: Deps, actor: Actor, threadId: string) {
  await openThread(deps, actor, threadId);
  const everyone = await people.orgUsers(deps, actor);
  return everyone.filter((u) => u.role === 'navigator' && !u.disabled && u.id !== actor.userId).map((u) => ({ id: u.id, name: u.name }));
}

/** Reply templates in the language of the thread's patient (the navigator's own language otherwise). */
export async function replyTemplates(deps: Deps, actor: Actor, threadId: string) {
  const open = await openThread(deps, actor, threadId);
  const reader = open.thread.patientId ? await people.getUser(deps, open.thread.patientId) : await people.getUser(deps, actor.userId);
  const locale = asLocale(reader?.locale);
  const t = translator(locale, 'messaging');
  const keys = ['received', 'callSoon', 'appointmentBooked', 'sendRecords', 'checkinReminder', 'emergency'] as const;
  return { locale, templates: keys.map((key) => ({ key, text: t(`templates.${key}`) })) };
}

/**
 * Someone lost access to a patient: the patient's threads drop them from their stored members now (not
 * at the next read), and a care-team thread assigned to them goes to the current primary navigator.
 */
async function reconcileOnAccessLost(deps: Deps, lost: { userId: string; patientId: string }) {
  for (const thread of await repo.threadsOfPatient(deps.db, lost.patientId)) {
    await reconcile(deps, thread);
    if (thread.kind === 'care_team' && thread.assignedNavigatorId === lost.userId) {
      await repo.setThreadFlags(deps.db, thread.id, { assignedNavigatorId: await people.primaryNavigatorId(deps, lost.patientId) });
    }
  }
}
people.onAccessLost(reconcileOnAccessLost);
