import { randomUUID } from 'node:crypto';
import type { AccessScope, CaregiverScope } from '../contracts/people.ts';
import type { Role } from '../contracts/common.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import type { AuditEntry } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { assertRecentFactor } from '../auth/service.ts';
import { CLINICAL_ROLES, decideAccess, permits, type AccessDecision, type AccessSubject, type AccessVia } from './access.ts';
import { peopleCache } from './cache.ts';
import * as repo from './repo.ts';
import { accessLost, scheduleBreakGlassExpiry } from './revocation.ts';
import { enqueueNotification } from '../notifications/service.ts';

export { permits, type AccessDecision, type AccessVia } from './access.ts';

/** How an allowed use reached the patient, as audit rows and callers name it; `emergency` is break-glass. */
export type Access = 'self' | 'caregiver' | 'care_team' | 'org_role' | 'emergency';

/** The audit-row name of how a decision allows (`emergency` for break-glass). */
export const accessOf = (d: AccessDecision): Access => (d.emergency ? 'emergency' : (d.via as Exclude<AccessVia, 'break_glass'>));

/**
 * The live relationship between the actor and the patient (src/people/access.ts), asked at the moment
 * of use by every domain; no stored copy (participants, thread members, primary navigator) decides.
 */
export const accessDecision = (deps: Deps, actor: AccessSubject, patientId: string) =>
  peopleCache(deps.database).get(
    `access:${actor.userId}:${actor.role}:${actor.orgId}:${patientId}`,
    [actor.userId, patientId],
    () => decideAccess(deps.db, actor, patientId),
    { until: (d) => d.emergencyUntil?.getTime() ?? Infinity },
  );

/**
 * The one object-level access rule for a patient's records (SECURITY.md S5, S23). Anyone without a live
 * relationship that covers `scope` gets `not_found`, exactly like a patient who does not exist, and a
 * `denied` audit row. Returns the whole decision.
 */
export async function requireAccess(deps: Deps, actor: Actor, patientId: string, scope: AccessScope): Promise<AccessDecision> {
  const decision = await accessDecision(deps, actor, patientId);
  if (!permits(decision, scope)) await deny(deps, actor, patientId, { scope });
  return decision;
}

async function deny(deps: Deps, actor: Actor, patientId: string, details: Record<string, string>): Promise<never> {
  await deps.audit.record({
    actor: actor.userId,
    actorRole: actor.role,
    action: 'patient.access',
    targetType: 'patient',
    targetId: patientId,
    patientId: (await repo.findPatient(deps.db, patientId)) ? patientId : undefined,
    outcome: 'denied',
    requestId: actor.requestId,
    details,
  });
  throw new AppError('not_found');
}

/** `requireAccess` for callers that only need how the actor got in (for the audit row's `emergency` flag). */
export const assertPatientAccess = async (deps: Deps, actor: Actor, patientId: string, scope: AccessScope): Promise<Access> =>
  accessOf(await requireAccess(deps, actor, patientId, scope));

export async function patientAccess(deps: Deps, actor: Actor, patientId: string, scope: AccessScope): Promise<Access | null> {
  const decision = await accessDecision(deps, actor, patientId);
  return permits(decision, scope) ? accessOf(decision) : null;
}

/**
 * Changing who has access (care-team edits, handovers, appointment participants) needs a standing
 * relationship: a current navigator on the care team, or the clinical lead or admin. Break-glass reads
 * but cannot grant itself more (SECURITY.md S24): `forbidden`, with a denied audit row.
 */
export async function requireManage(deps: Deps, actor: Actor, patientId: string): Promise<AccessDecision> {
  const decision = await accessDecision(deps, actor, patientId);
  if (!decision.allowed && !decision.canManage) await deny(deps, actor, patientId, { scope: 'manage' });
  if (!decision.canManage) {
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'patient.manage', targetType: 'patient', targetId: patientId, patientId, outcome: 'denied', requestId: actor.requestId, emergency: decision.emergency });
    throw new AppError('forbidden', decision.emergency ? 'Emergency access cannot change who has access.' : 'Only the navigator, the clinical lead or an admin can change this.');
  }
  return decision;
}

/** Of these patients, those this user may touch in this scope now (feeds, boards, lists built from stored copies). */
export async function reachablePatients(deps: Deps, user: AccessSubject, patientIds: Iterable<string>, scope: AccessScope): Promise<Set<string>> {
  const ids = [...new Set(patientIds)];
  const decisions = await Promise.all(ids.map(async (id) => [id, permits(await accessDecision(deps, user, id), scope)] as const));
  return new Set(decisions.filter(([, ok]) => ok).map(([id]) => id));
}

/** Of these users, those who may touch the patient's records in this scope now (push, alert and reminder recipients). */
export async function withAccess(deps: Deps, userIds: Iterable<string>, patientId: string, scope: AccessScope): Promise<string[]> {
  const users = await repo.usersByIds(deps.db, [...new Set(userIds)]);
  const allowed = await Promise.all(
    users.filter((u) => !u.disabledAt).map(async (u) => (permits(await accessDecision(deps, { userId: u.id, role: u.role, orgId: u.orgId }, patientId), scope) ? u.id : null)),
  );
  return allowed.filter((id): id is string => id !== null);
}

type PhiEntry = { action: string; patientId: string; targetType: string; targetId?: string; access?: Access; details?: Record<string, string | number | boolean | null> };

/** The audit row of a read or write of a patient's PHI; `emergency` marks access through break-glass. */
export const phiEntry = (actor: Actor, entry: PhiEntry): AuditEntry => ({
  actor: actor.userId,
  actorRole: actor.role,
  action: entry.action,
  targetType: entry.targetType,
  targetId: entry.targetId ?? entry.patientId,
  patientId: entry.patientId,
  outcome: 'success',
  requestId: actor.requestId,
  emergency: entry.access === 'emergency',
  details: entry.details,
});

/** Audits a read or write of a patient's PHI (in the caller's transaction when given). */
export async function auditPhi(deps: Deps, actor: Actor, entry: PhiEntry, tx?: Parameters<Deps['audit']['record']>[1]): Promise<void> {
  await deps.audit.record(phiEntry(actor, entry), tx);
}

/** How long a caseload may show a site's old name after an administrator renames it. */
const SITE_NAMES_MS = 60_000;

export async function caseload(deps: Deps, actor: Actor) {
  const patients = await peopleCache(deps.database).get(`caseload:${actor.userId}`, [actor.userId], () => repo.careTeamPatients(deps.db, actor.userId), {
    alsoNames: (list) => list.map((p) => p.id),
    // Site names are the one part no notice covers (sites are renamed by administrators, rarely).
    until: () => Date.now() + SITE_NAMES_MS,
  });
  await deps.audit.record({
    actor: actor.userId,
    actorRole: actor.role,
    action: 'caseload.read',
    targetType: 'caseload',
    targetId: actor.userId,
    outcome: 'success',
    requestId: actor.requestId,
    details: { patients: patients.length },
  });
  return patients;
}

export async function caregiverPatients(deps: Deps, actor: Actor) {
  return repo.grantedPatients(deps.db, actor.userId);
}

/** User ids of everyone on a patient's care team (navigators, specialists, interpreters). */
export const careTeam = (deps: Deps, patientId: string) =>
  peopleCache(deps.database).get(`team:${patientId}`, [patientId], () => repo.careTeamOf(deps.db, patientId), { alsoNames: (team) => team.map((m) => m.userId) });

export const caregivers = (deps: Deps, patientId: string) =>
  peopleCache(deps.database).get(`caregivers:${patientId}`, [patientId], () => repo.caregiversOf(deps.db, patientId), { alsoNames: (list) => list.map((c) => c.caregiverId) });

/**
 * The patient's primary navigator as the care team stands now. `patients.navigator_id` is a cache: when
 * it names someone no longer on the care team, the longest-serving navigator member takes over and the
 * cache is corrected.
 */
export async function primaryNavigatorId(deps: Deps, patientId: string): Promise<string | null> {
  const patient = await getPatientRecord(deps, patientId);
  if (!patient) return null;
  const navigators = (await careTeam(deps, patientId)).filter((m) => m.role === 'navigator');
  if (patient.navigatorId && navigators.some((m) => m.userId === patient.navigatorId)) return patient.navigatorId;
  const current = navigators[0]?.userId ?? null;
  if (current !== patient.navigatorId) {
    await repo.setPrimaryNavigator(deps.db, patientId, current);
    changed(deps, patientId);
  }
  return current;
}

/**
 * This process changed these people's rows or relationships: drop its cached answers about them now.
 * Other nodes hear the database's notice (migration 1900); so does this one, a moment later.
 */
export const changed = (deps: Deps, ...ids: string[]) => peopleCache(deps.database).changed(ids);

/** Every change to people committed before this instant has been heard by this process (for metrics). */
export const noticesHeardAt = (deps: Deps) => peopleCache(deps.database).heardAt;

/** A user's row (the actor's profile on every request): cached on this node until the row changes (decision 0015). */
export const getUser = (deps: Deps, id: string) => peopleCache(deps.database).get(`user:${id}`, [id], () => repo.findUserById(deps.db, id));
export const findUserByEmail = (deps: Deps, email: string) => repo.findUserByEmail(deps.db, email);

/**
 * Creates an account (an accepted invitation), inside the caller's transaction. A patient gets their
 * record and, when the invitation names one, their navigator on the care team (the primary navigator).
 */
export async function createAccount(
  db: Db,
  user: { id: string; orgId: string; email: string; name: string; role: Role; locale: string; passwordHash: string },
  care: { navigatorId: string | null; addedBy: string },
) {
  await repo.insertUser(db, user);
  if (user.role !== 'patient') return;
  await repo.insertPatient(db, { userId: user.id, navigatorId: care.navigatorId });
  if (care.navigatorId) await repo.addCareTeamMember(db, { patientId: user.id, userId: care.navigatorId, role: 'navigator', addedBy: care.addedBy });
}
/** A new password hash (auth: reset, change); pass a transaction to commit it with its audit row. */
export const setPasswordHash = (db: Db, userId: string, passwordHash: string) => repo.setPasswordHash(db, userId, passwordHash);
export const getUsers = (deps: Deps, ids: string[]) => repo.usersByIds(deps.db, ids);
/** The organization: name, time zone and working hours (for out-of-hours answers, deadlines, escalation). */
export const getOrganization = (deps: Deps, orgId: string) => repo.findOrganization(deps.db, orgId);
/** The patient's record row (site, primary navigator, date of birth). */
export const getPatientRecord = (deps: Deps, patientId: string) => peopleCache(deps.database).get(`patient:${patientId}`, [patientId], () => repo.findPatient(deps.db, patientId));
/** The organization's clinical leads, longest-serving first: the top of every escalation ladder. */
export const clinicalLeadIds = (deps: Deps, orgId: string) => repo.clinicalLeadIds(deps.db, orgId);
export const activeNavigators = (deps: Deps, orgId: string) => repo.activeNavigators(deps.db, orgId);
export const isPatient = async (deps: Deps, id: string) => Boolean(await repo.findPatient(deps.db, id));

/** The patient grants (or changes) a caregiver's proxy access. */
export async function grantCaregiver(deps: Deps, actor: Actor, who: { caregiverId: string } | { email: string }, scopes: CaregiverScope[]) {
  const caregiver = 'caregiverId' in who ? await repo.findUserById(deps.db, who.caregiverId) : await repo.findUserByEmail(deps.db, who.email);
  if (!caregiver || caregiver.role !== 'caregiver' || caregiver.orgId !== actor.orgId) throw new AppError('not_found', 'No caregiver account with these details.');
  const caregiverId = caregiver.id;
  await deps.db.transaction(async (tx) => {
    await repo.upsertGrant(tx, { id: randomUUID(), patientId: actor.userId, caregiverId, scopes });
    await auditPhi(deps, actor, { action: 'caregiver.grant', patientId: actor.userId, targetType: 'caregiver', targetId: caregiverId, details: { scopes: scopes.join(',') } }, tx);
  });
  changed(deps, actor.userId, caregiverId);
  // A narrowed grant may drop scopes the caregiver is using live (a call, a thread): watchers re-check.
  await accessLost(deps, { userId: caregiverId, patientId: actor.userId, reason: 'caregiver' });
}

export async function revokeCaregiver(deps: Deps, actor: Actor, caregiverId: string) {
  await deps.db.transaction(async (tx) => {
    const revoked = await repo.revokeGrant(tx, actor.userId, caregiverId);
    if (revoked.length === 0) throw new AppError('not_found');
    await auditPhi(deps, actor, { action: 'caregiver.revoke', patientId: actor.userId, targetType: 'caregiver', targetId: caregiverId }, tx);
  });
  changed(deps, actor.userId, caregiverId);
  await accessLost(deps, { userId: caregiverId, patientId: actor.userId, reason: 'caregiver' });
}

/**
 * A navigator adds a specialist, interpreter or navigator to a patient's care team. Needs a standing
 * relationship (S24): a break-glass grant never turns into membership.
 */
export async function addCareTeamMember(deps: Deps, actor: Actor, patientId: string, member: { userId: string; role: 'navigator' | 'specialist' | 'interpreter' }) {
  await requireManage(deps, actor, patientId);
  const user = await repo.findUserById(deps.db, member.userId);
  const roleFits = user && !user.disabledAt && (member.role === 'interpreter' ? user.role !== 'patient' && user.role !== 'caregiver' : user.role === member.role);
  if (!user || user.orgId !== actor.orgId || !roleFits) throw new AppError('invalid', 'That user cannot take this care-team role.');
  await deps.db.transaction(async (tx) => {
    await repo.addCareTeamMember(tx, { patientId, userId: member.userId, role: member.role, addedBy: actor.userId });
    // A navigator's adding makes the membership standing: no referral that ends removes it (0510).
    await repo.clearReferralHolds(tx, patientId, member.userId);
    await auditPhi(deps, actor, { action: 'care_team.add', patientId, targetType: 'user', targetId: member.userId, details: { role: member.role } }, tx);
  });
  changed(deps, patientId, member.userId);
}

export async function removeCareTeamMember(deps: Deps, actor: Actor, patientId: string, userId: string) {
  await requireManage(deps, actor, patientId);
  await deps.db.transaction(async (tx) => {
    const removed = await repo.removeCareTeamMember(tx, patientId, userId);
    if (removed.length === 0) throw new AppError('not_found');
    await repo.clearReferralHolds(tx, patientId, userId);
    await auditPhi(deps, actor, { action: 'care_team.remove', patientId, targetType: 'user', targetId: userId }, tx);
  });
  changed(deps, patientId, userId);
  await accessLost(deps, { userId, patientId, reason: 'care_team' });
}

/**
 * Emergency ("break-glass") access (SECURITY.md S21, S24): clinical staff of the patient's organization
 * who have no standing relationship, with a reason; a renewal needs a new reason. It reads and writes
 * records flagged `emergency` but can never change who has access; the patient's navigator and the
 * clinical leads are told in the app.
 */
export async function breakGlass(deps: Deps, actor: Actor, patientId: string, reason: string, minutes: number) {
  const patientUser = (await repo.findPatient(deps.db, patientId)) && (await repo.findUserById(deps.db, patientId));
  if (!patientUser || patientUser.orgId !== actor.orgId || !CLINICAL_ROLES.includes(actor.role)) await deny(deps, actor, patientId, { scope: 'break_glass' });
  // A user with a second factor must have proven it in the last 15 minutes (SECURITY.md S26).
  await assertRecentFactor(deps, actor);
  const current = await accessDecision(deps, actor, patientId);
  if (current.allowed && !current.emergency) throw new AppError('conflict', 'You already have access to this patient.');
  if (await repo.hasBreakGlassWithReason(deps.db, patientId, actor.userId, reason)) throw new AppError('conflict', 'A renewal needs a new reason.');
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertBreakGlass(tx, { id, userId: actor.userId, patientId, reason, expiresAt });
    await deps.audit.record(
      {
        actor: actor.userId,
        actorRole: actor.role,
        action: 'break_glass.grant',
        targetType: 'patient',
        targetId: patientId,
        patientId,
        outcome: 'success',
        requestId: actor.requestId,
        emergency: true,
        details: { grantId: id, minutes },
      },
      tx,
    );
  });
  changed(deps, patientId, actor.userId);
  scheduleBreakGlassExpiry(deps, { userId: actor.userId, patientId, expiresAt });
  const navigators = (await repo.careTeamOf(deps.db, patientId)).filter((m) => m.role === 'navigator').map((m) => m.userId);
  const told = new Set([...navigators, ...(await repo.clinicalLeadIds(deps.db, actor.orgId))]);
  told.delete(actor.userId);
  for (const userId of told) {
    await enqueueNotification(deps, `break-glass:${id}:${userId}`, { userId, template: 'access.breakGlass', refs: { patient: patientId, grant: id }, link: `/patients/${patientId}`, channels: ['inapp'] });
  }
  return { id, expiresAt: expiresAt.toISOString() };
}

/**
 * Hands the patient to another navigator: the new one joins the care team and becomes primary, the
 * previous primary navigator leaves it (and with it every access), in one step (S23).
 */
export async function reassignNavigator(deps: Deps, actor: Actor, patientId: string, navigatorId: string) {
  await requireManage(deps, actor, patientId);
  const target = await repo.findUserById(deps.db, navigatorId);
  if (!target || target.orgId !== actor.orgId || target.role !== 'navigator' || target.disabledAt) throw new AppError('invalid', 'navigatorId: not a navigator of this organization', [{ path: 'navigatorId', message: 'not a navigator' }]);
  const previous = await primaryNavigatorId(deps, patientId);
  if (previous === navigatorId) return { navigatorId };
  await deps.db.transaction(async (tx) => {
    await repo.addCareTeamMember(tx, { patientId, userId: navigatorId, role: 'navigator', addedBy: actor.userId });
    if (previous) await repo.removeCareTeamMember(tx, patientId, previous);
    await repo.setPrimaryNavigator(tx, patientId, navigatorId);
    await auditPhi(deps, actor, { action: 'care_team.reassign_navigator', patientId, targetType: 'user', targetId: navigatorId, details: { from: previous } }, tx);
  });
  changed(deps, patientId, navigatorId, ...(previous ? [previous] : []));
  if (previous) await accessLost(deps, { userId: previous, patientId, reason: 'navigator' });
  return { navigatorId };
}

export { onAccessLost, watchAccessLost, type AccessLost } from './revocation.ts';
export { joinCareTeamForReferral, leaveCareTeamAfterReferral } from './referral-membership.ts';

export async function orgUsers(deps: Deps, actor: Actor) {
  const rows = await repo.listOrgUsers(deps.db, actor.orgId);
  return rows.map((u) => ({ id: u.id, name: u.name, role: u.role, email: u.email, disabled: u.disabledAt !== null }));
}

/** Disabling an account ends every session, socket and video peer of that user at once (SECURITY.md S7). */
export async function setDisabled(deps: Deps, actor: Actor, userId: string, disabled: boolean) {
  const user = await repo.findUserById(deps.db, userId);
  if (!user || user.orgId !== actor.orgId) throw new AppError('not_found');
  if (userId === actor.userId) throw new AppError('conflict', 'You cannot disable your own account.');
  await repo.setUserDisabled(deps.db, userId, disabled);
  changed(deps, userId);
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: userId, outcome: 'success', requestId: actor.requestId });
  if (disabled) await deps.sessions.destroyAll(userId, 'disabled');
}

export async function updatePrefs(deps: Deps, userId: string, prefs: { locale?: string | undefined; timezone?: string | undefined }) {
  await repo.updateUserPrefs(deps.db, userId, prefs);
  changed(deps, userId);
}

/** Where a patient is, for country-specific data (crisis resources): their own country, else their site's. */
export async function patientCountry(deps: Deps, patientId: string): Promise<string | null> {
  const user = await getUser(deps, patientId);
  return user?.country ?? (await repo.siteCountryOf(deps.db, patientId));
}

/** Clinical leads (and admins) own an organization's clinical rules, ladder, crisis data and rota. */
export async function assertClinicalLead(deps: Deps, actor: Actor) {
  if (actor.role === 'admin') return;
  if (!(await getUser(deps, actor.userId))?.isClinicalLead) throw new AppError('forbidden', 'Only a clinical lead or an admin may change this.');
}
