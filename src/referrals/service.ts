import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TimelineItem } from '../contracts/timeline.ts';
import { QUEUES } from '../contracts/jobs.ts';
import type {
  AddPacketItemRequest,
  CaseReviewForVideo,
  CreateReferralRequest,
  EuracanDomain,
  ReferralState,
  ReferralSummary,
  ReferralType,
  ReferralUrgency,
} from '../contracts/referrals.ts';
import { raiseAlert } from '../alerts/service.ts';
import { memberIdsOf, siteIdsOfMember, getSite } from '../directory/service.ts';
import { taskEventsForReferral } from '../tasks/service.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { assertPatientAccess, auditPhi, getOrganization, getPatientRecord, getUsers, patientAccess, primaryNavigatorId, reachablePatients, type Access } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { pushToUsers } from '../platform/push.ts';
import { attachmentInfo, storedAttachment } from '../messaging/attachments.ts';
import { checklistFor } from './checklist.ts';
import { releaseConsultation } from './consultation.ts';
import { isKnownMorphology, isKnownTopography, mapDiagnosis } from './coding.ts';
import { addWorkingDays } from '../platform/time.ts';
import { DEFAULT_DEADLINES, reminderTimes } from './deadlines.ts';
import * as repo from './repo.ts';
import { canTransition, NEEDS_REASON, VISIBLE_TO_RECEIVER, type Side } from './state.ts';
import { caseReviewParticipants, caseReviews } from './tables.ts';

export type { Side } from './state.ts';

/** Who is looking at a referral: its sender (the patient's care team), the receiving site, or the patient's side. */
export type Viewer = Side | 'patient';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------------
// Video: what the video domain needs for a case-review session.
// ---------------------------------------------------------------------------------------------------

/**
 * For the video domain: who may join a case-review (virtual tumour board) session, who hosts it, when it
 * starts and its status. Null when there is no such case review. Authorization of the joining user is
 * the caller's: a user not in participantIds (hosts are included there) must be refused.
 */
export async function getCaseReviewForVideo(deps: Pick<Deps, 'db'>, caseReviewId: string): Promise<CaseReviewForVideo | null> {
  if (!UUID.test(caseReviewId)) return null;
  const [review] = await deps.db.select().from(caseReviews).where(eq(caseReviews.id, caseReviewId));
  if (!review) return null;
  const people = await deps.db.select().from(caseReviewParticipants).where(eq(caseReviewParticipants.caseReviewId, caseReviewId));
  return {
    id: review.id,
    participantIds: people.map((p) => p.userId),
    hostIds: people.filter((p) => p.role === 'host').map((p) => p.userId),
    startsAt: review.startsAt.toISOString(),
    status: review.status,
  };
}

// ---------------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------------

async function denied(deps: Deps, actor: Actor, referralId: string, patientId?: string): Promise<never> {
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'referral.access', targetType: 'referral', targetId: referralId, patientId, outcome: 'denied', requestId: actor.requestId });
  throw new AppError('not_found');
}

/**
 * The patient's side reads referrals with the records scope; a caregiver the patient allowed to answer
 * consent requests (`referral_consent`) reads them too, since they must see what they agree to share.
 */
export async function patientSideAccess(deps: Deps, actor: Actor, patientId: string): Promise<Access | null> {
  return (await patientAccess(deps, actor, patientId, 'records')) ?? (actor.role === 'caregiver' ? patientAccess(deps, actor, patientId, 'referral_consent') : null);
}

/**
 * Resolves how the actor stands to a referral. Anyone else gets `not_found` (audited `denied`), exactly
 * like a referral that does not exist. A draft is visible to its sender and to the patient's side (who
 * must consent before it is sent), never to the receiving site.
 */
export async function viewerOf(deps: Deps, actor: Actor, referralId: string): Promise<{ row: repo.ReferralRow; viewer: Viewer; access?: Access }> {
  const row = UUID.test(referralId) ? await repo.findReferral(deps.db, referralId) : undefined;
  if (!row || row.orgId !== actor.orgId) return denied(deps, actor, referralId);
  if (actor.role === 'navigator' || actor.role === 'specialist') {
    const access = await patientAccess(deps, actor, row.patientId, 'records');
    if (access && actor.role === 'navigator') return { row, viewer: 'sender', access };
    if (VISIBLE_TO_RECEIVER.includes(row.state) && row.toSiteId && (await siteIdsOfMember(deps, actor.userId)).includes(row.toSiteId)) return { row, viewer: 'receiver' };
    if (access) return { row, viewer: 'sender', access };
  }
  if (actor.role === 'patient' || actor.role === 'caregiver') {
    const access = await patientSideAccess(deps, actor, row.patientId);
    if (access) return { row, viewer: 'patient', access };
  }
  return denied(deps, actor, referralId, row.patientId);
}

async function requireSide(deps: Deps, actor: Actor, referralId: string, sides: readonly Viewer[]) {
  const v = await viewerOf(deps, actor, referralId);
  if (!sides.includes(v.viewer)) throw new AppError('forbidden');
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------


async function summaries(deps: Deps, orgId: string, rows: repo.ReferralRow[], opts: { names: 'all' | 'consented' }): Promise<ReferralSummary[]> {
  const users = await getUsers(deps, [...new Set(rows.map((r) => r.patientId))]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const siteNames = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.toSiteId))) if (id) siteNames.set(id, (await getSite(deps, orgId, id))?.name ?? '');
  const consented = new Set<string>();
  if (opts.names === 'consented') for (const r of rows) if (await repo.activeConsent(deps.db, r.id)) consented.add(r.id);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    patientName: opts.names === 'all' || consented.has(r.id) ? (names.get(r.patientId) ?? null) : null,
    type: r.type,
    state: r.state,
    domain: (r.domain as EuracanDomain | null) ?? null,
    topography: r.icdoTopography,
    morphology: r.icdoMorphology,
    fromSiteId: r.fromSiteId,
    toSiteId: r.toSiteId,
    toSiteName: (r.toSiteId && siteNames.get(r.toSiteId)) ?? '',
    urgency: r.urgency,
    sentAt: r.sentAt?.toISOString() ?? null,
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    overdue: r.state === 'sent' && r.deadlineAt !== null && r.deadlineAt.getTime() < now,
    scheduledFor: r.scheduledFor?.toISOString() ?? null,
    declineReason: r.declineReason,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const byDeadline = (a: ReferralSummary, b: ReferralSummary) =>
  (a.deadlineAt ?? '9999').localeCompare(b.deadlineAt ?? '9999') || b.updatedAt.localeCompare(a.updatedAt);

/** The navigator's board: referrals they made or whose patients they navigate, grouped by state, soonest deadline first. */
export async function board(deps: Deps, actor: Actor, q: { state?: ReferralState | undefined; sort: 'deadline' | 'updated' }) {
  let rows = await repo.referralsOfNavigator(deps.db, actor.orgId, actor.userId);
  // Having made a referral or being the stored navigator is a cache: the board shows what the actor reaches now (S23).
  const reachable = await reachablePatients(deps, actor, rows.map((r) => r.patientId), 'records');
  rows = rows.filter((r) => reachable.has(r.patientId) && (!q.state || r.state === q.state));
  const list = await summaries(deps, actor.orgId, rows, { names: 'all' });
  list.sort(q.sort === 'deadline' ? byDeadline : (a, b) => b.updatedAt.localeCompare(a.updatedAt));
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'referral.board.read', targetType: 'referral_board', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { count: list.length } });
  return list;
}

/** The receiving specialist's queue: referrals sent to the sites they act for. Names show only with consent. */
export async function incoming(deps: Deps, actor: Actor) {
  const sites = await siteIdsOfMember(deps, actor.userId);
  const rows = await repo.referralsToSites(deps.db, actor.orgId, sites, ['sent', 'accepted', 'scheduled']);
  const list = (await summaries(deps, actor.orgId, rows, { names: 'consented' })).sort(byDeadline);
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'referral.incoming.read', targetType: 'referral_queue', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { count: list.length } });
  return list;
}

/** The actor's case reviews still to come or running, soonest first (the specialist's home). */
export async function upcomingCaseReviews(deps: Deps, actor: Actor, now = Date.now()) {
  const rows = await repo.caseReviewsOfUser(deps.db, actor.userId);
  return rows
    .filter(({ review }) => review.orgId === actor.orgId && (review.status === 'scheduled' || review.status === 'live') && review.startsAt.getTime() + review.durationMinutes * 60_000 > now)
    .map(({ review, role }) => ({ id: review.id, title: review.title, startsAt: review.startsAt.toISOString(), durationMinutes: review.durationMinutes, status: review.status as 'scheduled' | 'live', role }));
}

export async function listForPatient(deps: Deps, actor: Actor, patientId: string) {
  const access = (await patientSideAccess(deps, actor, patientId)) ?? (await assertPatientAccess(deps, actor, patientId, 'records'));
  const rows = await repo.referralsOfPatient(deps.db, actor.orgId, patientId);
  await auditPhi(deps, actor, { action: 'referral.list', patientId, targetType: 'referral', access });
  return summaries(deps, actor.orgId, rows, { names: 'all' });
}

/** The stored type of an uploaded item (the packet viewer shows images and PDF inline); null when the file is gone. */
async function storedType(deps: Deps, attachmentId: string | null): Promise<string | null> {
  if (!attachmentId) return null;
  try {
    return (await storedAttachment(deps, attachmentId)).contentType;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

async function packetView(deps: Deps, row: repo.ReferralRow) {
  const items = await repo.packetItems(deps.db, row.id);
  const types = await Promise.all(items.map((i) => storedType(deps, i.attachmentId)));
  return items.map((i, n) => ({
    id: i.id,
    kind: i.kind,
    source: i.source,
    attachmentId: i.attachmentId,
    contentType: types[n] ?? null,
    title: i.title,
    body: i.body,
    documentDate: i.documentDate,
    addedAt: i.addedAt.toISOString(),
  }));
}

/** The consent to share the packet, and whether the patient was asked (and said no) since. */
export async function consentView(deps: Deps, row: Pick<repo.ReferralRow, 'id' | 'consentRequestedAt' | 'consentDeclinedAt'>) {
  const c = await repo.latestConsent(deps.db, row.id);
  const asked = { requestedAt: row.consentRequestedAt?.toISOString() ?? null, declinedAt: row.consentDeclinedAt?.toISOString() ?? null };
  if (!c) return { status: 'none' as const, method: null, witness: null, grantedAt: null, revokedAt: null, byCaregiver: false, ...asked };
  // Given in the app by someone other than the patient: a caregiver with the referral_consent scope.
  const byCaregiver = c.method === 'in_app' && c.recordedBy !== c.patientId;
  return { status: c.revokedAt ? ('revoked' as const) : ('active' as const), method: c.method, witness: c.witness, grantedAt: c.grantedAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null, byCaregiver, ...asked };
}

/**
 * One referral as the actor may see it. The receiving site sees the records packet (and who the patient
 * is) only while the patient's consent to share is active; every view of the packet is audited.
 */
export async function getReferral(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  const consent = await consentView(deps, row);
  const shared = viewer !== 'receiver' || consent.status === 'active';
  const [summary] = await summaries(deps, actor.orgId, [row], { names: shared ? 'all' : 'consented' });
  const items = shared ? await packetView(deps, row) : null;
  const kinds = (items ?? (await packetView(deps, row))).map((i) => i.kind);
  const recommendation = await repo.recommendationOf(deps.db, row.id);
  const mapping = row.icdoTopography && row.icdoMorphology ? mapDiagnosis(row.icdoTopography, row.icdoMorphology) : null;
  await auditPhi(deps, actor, {
    action: viewer === 'receiver' ? (shared ? 'referral.packet.view' : 'referral.view.unshared') : 'referral.read',
    patientId: row.patientId,
    targetType: 'referral',
    targetId: row.id,
    access,
    details: { viewer, items: items?.length ?? 0 },
  });
  return {
    ...summary!,
    question: shared ? row.question : null,
    viewer,
    mapping,
    consent,
    /** The patient, or a caregiver holding referral_consent now, may answer the consent request. */
    mayAnswerConsent: viewer === 'patient' && (actor.role === 'patient' || (await patientAccess(deps, actor, row.patientId, 'referral_consent')) !== null),
    packet: items,
    checklist: checklistFor(row.type, { kinds, diagnosis: Boolean(row.icdoTopography && row.icdoMorphology), consent: consent.status === 'active' }),
    events: viewer === 'patient' ? [] : (await repo.eventsOf(deps.db, row.id)).map((e) => ({ from: e.fromState, to: e.toState, at: e.at.toISOString(), reason: e.reason })),
    recommendation: recommendation && shared ? recommendationView(recommendation) : null,
    cancelReason: row.cancelReason,
    /** The video appointment a scheduled consultation booked (docs/decisions/0508). */
    consultAppointmentId: row.consultAppointmentId,
    incompleteReason: row.incompleteReason,
  };
}

function recommendationView(r: repo.RecommendationRow) {
  return {
    id: r.id,
    caseReviewId: r.caseReviewId,
    diagnosis: r.diagnosis,
    revisedTopography: r.revisedTopography,
    revisedMorphology: r.revisedMorphology,
    treatment: r.treatment,
    treatmentDetail: r.treatmentDetail,
    trials: r.trials,
    followUp: r.followUp,
    noteForPatient: r.noteForPatient,
    noteLanguage: r.noteLanguage,
    authoredBy: r.authoredBy,
    createdAt: r.createdAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Create, edit, packet, consent
// ---------------------------------------------------------------------------------------------------

/**
 * Codes the shipped table lacks are still accepted when well formed (the contract checks the shape):
 * the navigator then chooses the domain by hand, and the pair is counted as a gap for the
 * administrator to add (docs/decisions/0504). Returns whether the pair is such a gap.
 */
function checkCodes(topography: string | null | undefined, morphology: string | null | undefined, domain: EuracanDomain | null | undefined): boolean {
  const gap = Boolean((topography && !isKnownTopography(topography)) || (morphology && !isKnownMorphology(morphology)));
  if (gap && !domain) throw new AppError('invalid', 'These codes are not in the shipped ICD-O-3 table: choose the domain.', [{ path: 'domain', message: 'required for codes outside the shipped table' }]);
  return gap;
}

/** A gap is counted per code pair; a lone unknown code waits until the pair is complete. */
async function recordGap(tx: repo.Tx, orgId: string, topography: string | null | undefined, morphology: string | null | undefined) {
  if (topography && morphology) await repo.recordCodingGap(tx, orgId, topography, morphology);
}

/** The administrator's list of code pairs entered by hand because the shipped table lacks them. */
export async function codingGaps(deps: Deps, actor: Actor) {
  const rows = await repo.codingGaps(deps.db, actor.orgId);
  return rows.map((r) => ({
    topography: r.topography,
    morphology: r.morphology,
    topographyKnown: isKnownTopography(r.topography),
    morphologyKnown: isKnownMorphology(r.morphology),
    seenCount: r.seenCount,
    firstSeen: r.firstSeen.toISOString(),
    lastSeen: r.lastSeen.toISOString(),
  }));
}

export async function createReferral(deps: Deps, actor: Actor, input: Omit<CreateReferralRequest, 'urgency'> & { urgency?: ReferralUrgency | undefined }) {
  const access = await assertPatientAccess(deps, actor, input.patientId, 'records');
  if (input.toSiteId && !(await getSite(deps, actor.orgId, input.toSiteId))) throw new AppError('invalid', 'Unknown receiving site.', [{ path: 'toSiteId', message: 'unknown site' }]);
  if (input.fromSiteId && !(await getSite(deps, actor.orgId, input.fromSiteId))) throw new AppError('invalid', 'Unknown referring site.', [{ path: 'fromSiteId', message: 'unknown site' }]);
  const gap = checkCodes(input.topography, input.morphology, input.domain);
  const mapped = input.topography && input.morphology ? mapDiagnosis(input.topography, input.morphology) : null;
  const patient = await getPatientRecord(deps, input.patientId);
  const id = randomUUID();
  const navigatorId = (await primaryNavigatorId(deps, input.patientId)) ?? actor.userId;
  await deps.db.transaction(async (tx) => {
    await repo.insertReferral(tx, {
      id,
      orgId: actor.orgId,
      patientId: input.patientId,
      type: input.type,
      state: 'draft',
      fromSiteId: input.fromSiteId ?? patient?.siteId ?? null,
      toSiteId: input.toSiteId ?? null,
      urgency: input.urgency ?? 'routine',
      domain: input.domain ?? mapped?.domain ?? null,
      icdoTopography: input.topography ?? null,
      icdoMorphology: input.morphology ?? null,
      question: input.question,
      createdBy: actor.userId,
      navigatorId,
    });
    await repo.insertEvent(tx, { id: randomUUID(), referralId: id, fromState: null, toState: 'draft', actor: actor.userId });
    if (gap) await recordGap(tx, actor.orgId, input.topography, input.morphology);
    await auditPhi(deps, actor, { action: 'referral.create', patientId: input.patientId, targetType: 'referral', targetId: id, access, details: { type: input.type } }, tx);
  });
  return getReferral(deps, actor, id);
}

export async function updateDraft(
  deps: Deps,
  actor: Actor,
  referralId: string,
  patch: { toSiteId?: string | undefined; urgency?: ReferralUrgency | undefined; topography?: string | null | undefined; morphology?: string | null | undefined; domain?: EuracanDomain | null | undefined; question?: string | undefined },
) {
  const { row, access } = await requireSide(deps, actor, referralId, ['sender']);
  if (row.state !== 'draft') throw new AppError('conflict', 'Only a draft can be edited.');
  if (patch.toSiteId && !(await getSite(deps, actor.orgId, patch.toSiteId))) throw new AppError('invalid', 'Unknown receiving site.');
  const topography = patch.topography === undefined ? row.icdoTopography : patch.topography;
  const morphology = patch.morphology === undefined ? row.icdoMorphology : patch.morphology;
  const codesChanged = topography !== row.icdoTopography || morphology !== row.icdoMorphology;
  const gap = checkCodes(topography, morphology, patch.domain === undefined ? row.domain as EuracanDomain | null : patch.domain) && codesChanged;
  const mapped = topography && morphology ? mapDiagnosis(topography, morphology) : null;
  await deps.db.transaction(async (tx) => {
    await repo.updateReferral(tx, referralId, {
      ...(patch.toSiteId ? { toSiteId: patch.toSiteId } : {}),
      ...(patch.urgency ? { urgency: patch.urgency } : {}),
      icdoTopography: topography,
      icdoMorphology: morphology,
      domain: patch.domain === undefined ? (mapped?.domain ?? row.domain) : patch.domain,
      ...(patch.question !== undefined ? { question: patch.question } : {}),
    });
    if (gap) await recordGap(tx, actor.orgId, topography, morphology);
    await auditPhi(deps, actor, { action: 'referral.update', patientId: row.patientId, targetType: 'referral', targetId: referralId, access }, tx);
  });
  return getReferral(deps, actor, referralId);
}

/** A packet item taken from the patient's uploads: the messaging domain owns the file and who may read it. */
async function attachmentOf(deps: Deps, actor: Actor, attachmentId: string) {
  return attachmentInfo(deps, actor, attachmentId);
}

/** Whether a referral's records packet holds this uploaded file, whoever asks (records keeps such a file). */
export async function isInAPacket(deps: Deps, attachmentId: string): Promise<boolean> {
  return (await repo.referralsHoldingAttachment(deps.db, attachmentId)).length > 0;
}

/**
 * The file behind an uploaded packet item: for the referring side, and for the receiving site only
 * while the patient's consent to share is active. Every download and every view in the packet viewer
 * is audited.
 */
export async function packetFile(deps: Deps, actor: Actor, referralId: string, itemId: string, opts: { inline?: boolean } = {}) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  if (viewer === 'receiver' && (await consentView(deps, row)).status !== 'active') throw new AppError('not_found');
  const item = (await repo.packetItems(deps.db, row.id)).find((i) => i.id === itemId);
  if (!item?.attachmentId) throw new AppError('not_found');
  const file = await storedAttachment(deps, item.attachmentId);
  const action = opts.inline ? 'referral.packet.view_file' : 'referral.packet.download';
  await auditPhi(deps, actor, { action, patientId: row.patientId, targetType: 'referral_packet_item', targetId: item.id, access, details: { viewer, referralId: row.id } });
  return file;
}

const PACKET_EDITABLE: readonly ReferralState[] = ['draft', 'sent', 'accepted', 'scheduled'];

export async function addPacketItem(deps: Deps, actor: Actor, referralId: string, input: AddPacketItemRequest) {
  const { row, access } = await requireSide(deps, actor, referralId, ['sender']);
  if (!PACKET_EDITABLE.includes(row.state)) throw new AppError('conflict', 'This referral is closed.');
  if (input.source === 'attachment') {
    const att = await attachmentOf(deps, actor, input.attachmentId);
    if (!att || att.patientId !== row.patientId) throw new AppError('invalid', 'No such upload for this patient.', [{ path: 'attachmentId', message: 'unknown attachment' }]);
  }
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertPacketItem(tx, {
      id,
      referralId,
      kind: input.kind,
      source: input.source,
      attachmentId: input.source === 'attachment' ? input.attachmentId : null,
      title: input.title,
      body: input.source === 'navigator' ? input.body : null,
      documentDate: input.documentDate ?? null,
      addedBy: actor.userId,
    });
    await auditPhi(deps, actor, { action: 'referral.packet.add', patientId: row.patientId, targetType: 'referral_packet_item', targetId: id, access, details: { referralId, kind: input.kind } }, tx);
  });
  return { id };
}

export async function removePacketItem(deps: Deps, actor: Actor, referralId: string, itemId: string) {
  const { row, access } = await requireSide(deps, actor, referralId, ['sender']);
  await deps.db.transaction(async (tx) => {
    if ((await repo.removePacketItem(tx, referralId, itemId)).length === 0) throw new AppError('not_found');
    await auditPhi(deps, actor, { action: 'referral.packet.remove', patientId: row.patientId, targetType: 'referral_packet_item', targetId: itemId, access, details: { referralId } }, tx);
  });
}

// ---------------------------------------------------------------------------------------------------
// State machine and deadlines
// ---------------------------------------------------------------------------------------------------

/**
 * The reply deadline of a referral: the organization's rule for its type, else the default. An urgent
 * referral gets the type's urgent deadline where the organization's clinical lead set one; no default
 * exists for it (docs/decisions/0505), so without one urgency does not change the deadline.
 */
export async function deadlineFor(deps: Deps, orgId: string, type: ReferralType, urgency: ReferralUrgency = 'routine') {
  const rule = await repo.deadlineRule(deps.db, orgId, type);
  if (!rule) return { ...DEFAULT_DEADLINES[type], reminderDays: [...DEFAULT_DEADLINES[type].reminderDays] };
  const urgent = urgency === 'urgent' && rule.urgentWorkingDays !== null;
  return { workingDays: urgent ? rule.urgentWorkingDays! : rule.workingDays, reminderDays: rule.reminderDays };
}

export async function deadlineRules(deps: Deps, actor: Actor) {
  const overrides = new Map((await repo.deadlineRules(deps.db, actor.orgId)).map((r) => [r.type, r]));
  return (Object.keys(DEFAULT_DEADLINES) as ReferralType[]).map((type) => {
    const o = overrides.get(type);
    return o
      ? { type, workingDays: o.workingDays, reminderDays: o.reminderDays, urgentWorkingDays: o.urgentWorkingDays, setBy: o.setBy, setAt: o.setAt.toISOString(), source: 'organization' as const }
      : { type, ...DEFAULT_DEADLINES[type], reminderDays: [...DEFAULT_DEADLINES[type].reminderDays], urgentWorkingDays: null, setBy: null, setAt: null, source: 'default' as const };
  });
}

export async function setDeadlineRule(deps: Deps, actor: Actor, type: ReferralType, rule: { workingDays: number; reminderDays: number[]; urgentWorkingDays?: number | null | undefined }) {
  if (rule.reminderDays.some((d) => d >= rule.workingDays)) throw new AppError('invalid', 'Reminders come before the deadline.', [{ path: 'reminderDays', message: 'each must be below workingDays' }]);
  const urgentWorkingDays = rule.urgentWorkingDays ?? null;
  if (urgentWorkingDays !== null && urgentWorkingDays > rule.workingDays) throw new AppError('invalid', 'An urgent referral is answered sooner, not later.', [{ path: 'urgentWorkingDays', message: 'at most workingDays' }]);
  await deps.db.transaction(async (tx) => {
    await repo.upsertDeadlineRule(tx, { orgId: actor.orgId, type, workingDays: rule.workingDays, reminderDays: rule.reminderDays, urgentWorkingDays, setBy: actor.userId });
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'referral.deadline_rule.set', targetType: 'referral_deadline_rule', targetId: type, outcome: 'success', requestId: actor.requestId, details: { workingDays: rule.workingDays, urgentWorkingDays } }, tx);
  });
  return deadlineRules(deps, actor);
}

export const REMINDER_JOB = 'referral-reminder';
export const OVERDUE_JOB = 'referral-overdue';
/** Deterministic job ids (BullMQ ids may not contain ':'): one reminder per referral, deadline and offset. */
export const reminderJobId = (referralId: string, deadline: Date, daysBefore: number) => `ref-reminder.${referralId}.${deadline.getTime()}.${daysBefore}`;
export const overdueJobId = (referralId: string, deadline: Date) => `ref-overdue.${referralId}.${deadline.getTime()}`;

async function scheduleDeadlineJobs(deps: Deps, row: repo.ReferralRow, sentAt: Date, deadline: Date, rule: { workingDays: number; reminderDays: number[] }, wh: Parameters<typeof addWorkingDays>[2], tz: string) {
  const queue = deps.queues.get(QUEUES.referrals);
  const now = Date.now();
  for (const r of reminderTimes(sentAt, rule.workingDays, rule.reminderDays, wh, tz)) {
    await queue.add(REMINDER_JOB, { referralId: row.id, deadlineAt: deadline.toISOString(), daysBefore: r.daysBefore }, { jobId: reminderJobId(row.id, deadline, r.daysBefore), delay: Math.max(0, r.at.getTime() - now) });
  }
  await queue.add(OVERDUE_JOB, { referralId: row.id, deadlineAt: deadline.toISOString() }, { jobId: overdueJobId(row.id, deadline), delay: Math.max(0, deadline.getTime() - now) });
}

async function cancelDeadlineJobs(deps: Deps, row: repo.ReferralRow) {
  if (!row.deadlineAt) return;
  const queue = deps.queues.get(QUEUES.referrals);
  const rule = await deadlineFor(deps, row.orgId, row.type, row.urgency);
  const ids = [...rule.reminderDays.map((d) => reminderJobId(row.id, row.deadlineAt!, d)), ...DEFAULT_DEADLINES[row.type].reminderDays.map((d) => reminderJobId(row.id, row.deadlineAt!, d)), overdueJobId(row.id, row.deadlineAt)];
  for (const id of new Set(ids)) {
    const job = await queue.getJob(id);
    if (job && (await job.isDelayed())) await job.remove();
  }
}

/** The receiving site's staff (none while a draft has no site yet). */
const receiversOf = async (deps: Deps, row: repo.ReferralRow) => (row.toSiteId ? memberIdsOf(deps, row.toSiteId) : []);

export async function pushChanged(deps: Deps, row: repo.ReferralRow, state: ReferralState = row.state) {
  const receivers = await receiversOf(deps, row);
  pushToUsers(deps, [row.navigatorId, row.createdBy, ...(state === 'draft' ? [] : receivers)], 'referral:changed', () => ({ referralId: row.id, state }));
}

export async function notify(deps: Deps, userIds: string[], key: string, template: string, referralId: string, link: string) {
  for (const userId of new Set(userIds)) {
    await enqueueNotification(deps, `${key}.${userId}`, { userId, template, refs: { referralId }, link, channels: ['inapp', 'email'] });
  }
}

/**
 * Moves a referral along the state machine (state.ts). The side acting must be allowed to make this
 * transition; the update is a compare-and-set on the state, so a concurrent move answers `conflict`.
 */
export async function transition(
  deps: Deps,
  actor: Actor,
  referralId: string,
  to: ReferralState,
  extra: { reason?: string | undefined; scheduledFor?: string | undefined; incompleteReason?: string | undefined } = {},
) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  if (viewer === 'patient') throw new AppError('forbidden');
  if (!canTransition(row.state, to, viewer)) {
    throw new AppError(row.state === to || !canTransition(row.state, to, viewer === 'sender' ? 'receiver' : 'sender') ? 'conflict' : 'forbidden', `A referral cannot go from ${row.state} to ${to} by this side.`, [{ path: 'state', message: `${row.state}->${to}` }]);
  }
  if (NEEDS_REASON.includes(to) && !extra.reason) throw new AppError('invalid', 'A reason is required.', [{ path: 'reason', message: 'required' }]);
  const now = new Date();
  const set: Parameters<typeof repo.moveState>[3] = { state: to };
  let deadline: { at: Date; rule: { workingDays: number; reminderDays: number[] }; wh: Parameters<typeof addWorkingDays>[2]; tz: string } | null = null;

  if (to === 'sent') {
    if (!row.toSiteId) throw new AppError('invalid', 'Choose the receiving site first.', [{ path: 'toSiteId', message: 'required' }]);
    const consent = await repo.activeConsent(deps.db, row.id);
    const items = await repo.packetItems(deps.db, row.id);
    const list = checklistFor(row.type, { kinds: items.map((i) => i.kind), diagnosis: Boolean(row.icdoTopography && row.icdoMorphology), consent: Boolean(consent) });
    if (!consent) throw new AppError('conflict', "The patient's consent to share the records is needed first.", [{ path: 'consent', message: 'missing' }]);
    if (!list.complete && !extra.incompleteReason) throw new AppError('conflict', 'The records packet is incomplete.', list.missing.map((m) => ({ path: `checklist.${m}`, message: 'missing' })));
    const org = await getOrganization(deps, row.orgId);
    if (!org) throw new AppError('internal');
    const rule = await deadlineFor(deps, row.orgId, row.type, row.urgency);
    deadline = { at: addWorkingDays(now, rule.workingDays, org.workingHours, org.timezone), rule, wh: org.workingHours, tz: org.timezone };
    Object.assign(set, { sentAt: now, deadlineAt: deadline.at, incompleteReason: list.complete ? null : (extra.incompleteReason ?? null) });
  }
  if (to === 'accepted' || to === 'declined') set.respondedAt = now;
  if (to === 'declined') set.declineReason = extra.reason ?? null;
  if (to === 'cancelled') Object.assign(set, { cancelReason: extra.reason ?? null, cancelledAt: now });
  if (to === 'scheduled') {
    if (!extra.scheduledFor) throw new AppError('invalid', 'Say when.', [{ path: 'scheduledFor', message: 'required' }]);
    set.scheduledFor = new Date(extra.scheduledFor);
  }
  if (to === 'completed') {
    if ((row.type === 'second_opinion' || row.type === 'case_review') && !(await repo.recommendationOf(deps.db, row.id))) {
      throw new AppError('conflict', 'An expert review is completed by its recommendation.', [{ path: 'recommendation', message: 'missing' }]);
    }
    set.completedAt = now;
  }

  await deps.db.transaction(async (tx) => {
    const moved = await repo.moveState(tx, row.id, row.state, set);
    if (moved.length === 0) throw new AppError('conflict', 'The referral changed meanwhile; reload it.');
    await repo.insertEvent(tx, { id: randomUUID(), referralId: row.id, fromState: row.state, toState: to, actor: actor.userId, reason: extra.reason ?? extra.incompleteReason ?? null });
    await auditPhi(deps, actor, { action: `referral.${to}`, patientId: row.patientId, targetType: 'referral', targetId: row.id, access, details: { from: row.state, viewer } }, tx);
  });

  // After the commit: jobs and notifications (ids only).
  if (deadline) await scheduleDeadlineJobs(deps, row, now, deadline.at, deadline.rule, deadline.wh, deadline.tz);
  if (row.state === 'sent') await cancelDeadlineJobs(deps, row);
  const receivers = await receiversOf(deps, row);
  if (to === 'sent') await notify(deps, receivers, `ref-incoming.${row.id}`, 'referrals.incoming', row.id, '/specialist/referrals');
  if (to === 'accepted' || to === 'declined' || to === 'scheduled') await notify(deps, [row.navigatorId, row.createdBy], `ref-${to}.${row.id}`, `referrals.${to}`, row.id, '/navigator/referrals');
  if (to === 'cancelled' && row.state !== 'draft') await notify(deps, viewer === 'sender' ? receivers : [row.navigatorId, row.createdBy], `ref-cancelled.${row.id}`, 'referrals.cancelled', row.id, viewer === 'sender' ? '/specialist/referrals' : '/navigator/referrals');
  if (to === 'cancelled' || to === 'completed') await releaseConsultation(deps, actor, row, to);
  await pushChanged(deps, row, to);
  await taskEventsForReferral(deps, row.id, to);
  return getReferral(deps, actor, row.id);
}

/** A referral as the task rules read it (travel, goals-of-care review): ids, sites and times only. */
export async function referralForTasks(deps: Deps, referralId: string) {
  const r = await repo.findReferral(deps.db, referralId);
  return r ? { id: r.id, orgId: r.orgId, patientId: r.patientId, type: r.type, state: r.state, fromSiteId: r.fromSiteId, toSiteId: r.toSiteId, respondedAt: r.respondedAt, scheduledFor: r.scheduledFor } : null;
}

/** Worker: a reminder to the receiving site, if the referral still waits for its answer. Idempotent. */
export async function runReminder(deps: Deps, data: { referralId: string; deadlineAt: string; daysBefore: number }) {
  const row = await repo.findReferral(deps.db, data.referralId);
  if (!row || row.state !== 'sent' || row.deadlineAt?.toISOString() !== data.deadlineAt) return { outcome: 'skipped' as const };
  const receivers = await receiversOf(deps, row);
  await notify(deps, receivers, `ref-remind.${row.id}.${row.deadlineAt.getTime()}.${data.daysBefore}`, 'referrals.reminder', row.id, '/specialist/referrals');
  await deps.audit.record({ actor: 'system:referrals', action: 'referral.reminder', targetType: 'referral', targetId: row.id, outcome: 'success', details: { daysBefore: data.daysBefore, recipients: receivers.length } });
  return { outcome: 'sent' as const, recipients: receivers.length };
}

/** Worker: the deadline passed with no answer: an alert for the patient's navigator. Idempotent. */
export async function runOverdue(deps: Deps, data: { referralId: string; deadlineAt: string }) {
  const row = await repo.findReferral(deps.db, data.referralId);
  if (!row || row.state !== 'sent' || row.deadlineAt?.toISOString() !== data.deadlineAt) return { outcome: 'skipped' as const };
  const rule = await deadlineFor(deps, row.orgId, row.type, row.urgency);
  const site = row.toSiteId ? await getSite(deps, row.orgId, row.toSiteId) : null;
  const { id } = await raiseAlert(deps, {
    patientId: row.patientId,
    severity: row.type === 'palliative_care' ? 'high' : 'moderate',
    source: 'referral',
    sourceId: row.id,
    ruleId: 'referral.response_overdue',
    reasons: [{ key: 'referrals:alert.overdue', params: { type: row.type, days: rule.workingDays, site: site?.name ?? '' } }],
  });
  await repo.updateReferral(deps.db, row.id, { overdueAlertId: id });
  await deps.audit.record({ actor: 'system:referrals', action: 'referral.overdue', targetType: 'referral', targetId: row.id, patientId: row.patientId, outcome: 'success', details: { alertId: id } });
  return { outcome: 'alerted' as const, alertId: id };
}

// ---------------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------------

/** The patient's referrals and case reviews as timeline entries (for the appointments domain's timeline). */
export async function timelineItems(deps: Deps, actor: Actor, patientId: string): Promise<TimelineItem[]> {
  const access = await assertPatientAccess(deps, actor, patientId, 'records');
  const staff = actor.role === 'navigator' || actor.role === 'specialist';
  const rows = await repo.referralsOfPatient(deps.db, actor.orgId, patientId);
  const base = staff ? '/navigator/referrals' : '/patient/referrals';
  const items: TimelineItem[] = rows.map((r) => ({
    id: `referral:${r.id}`,
    kind: 'referral',
    at: (r.scheduledFor ?? r.sentAt ?? r.createdAt).toISOString(),
    endsAt: null,
    titleKey: `referrals:timeline.${r.type}`,
    params: { site: '' },
    status: r.state,
    siteId: r.toSiteId,
    link: `${base}/${r.id}`,
  }));
  for (const r of rows) {
    const site = r.toSiteId ? await getSite(deps, actor.orgId, r.toSiteId) : null;
    const item = items.find((i) => i.id === `referral:${r.id}`);
    if (item) item.params = { site: site?.name ?? '' };
  }
  for (const { review, referralId } of await repo.caseReviewsOfReferrals(deps.db, rows.map((r) => r.id))) {
    if (review.status === 'cancelled') continue;
    items.push({
      id: `case_review:${review.id}:${referralId}`,
      kind: 'case_review',
      at: review.startsAt.toISOString(),
      endsAt: new Date(review.startsAt.getTime() + review.durationMinutes * 60_000).toISOString(),
      titleKey: 'referrals:timeline.case_review_session',
      params: {},
      status: review.status,
      siteId: review.siteId,
      link: `${base}/${referralId}`,
    });
  }
  await auditPhi(deps, actor, { action: 'referral.timeline.read', patientId, targetType: 'referral', access, details: { items: items.length } });
  return items.sort((a, b) => a.at.localeCompare(b.at));
}
