import { randomUUID } from 'node:crypto';
import type { AccessScope, CaregiverScope } from '../contracts/people.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { assertRecentFactor } from '../auth/service.ts';
import * as repo from './repo.ts';

export type Access = 'self' | 'caregiver' | 'care_team' | 'emergency';

/**
 * The one object-level access rule for a patient's records (SECURITY.md S5): the patient; a caregiver
 * the patient granted this scope; a member of the patient's care team; or an unexpired break-glass grant.
 * Anyone else gets `not_found`, exactly like a patient who does not exist, and a `denied` audit row.
 */
export async function assertPatientAccess(deps: Deps, actor: Actor, patientId: string, scope: AccessScope): Promise<Access> {
  const access = await patientAccess(deps, actor, patientId, scope);
  if (!access) {
    await deps.audit.record({
      actor: actor.userId,
      actorRole: actor.role,
      action: 'patient.access',
      targetType: 'patient',
      targetId: patientId,
      patientId: (await repo.findPatient(deps.db, patientId)) ? patientId : undefined,
      outcome: 'denied',
      requestId: actor.requestId,
      details: { scope },
    });
    throw new AppError('not_found');
  }
  return access;
}

export async function patientAccess(deps: Deps, actor: Actor, patientId: string, scope: AccessScope): Promise<Access | null> {
  const { db } = deps;
  if (actor.role === 'patient') return actor.userId === patientId ? 'self' : null;
  if (actor.role === 'caregiver') {
    const scopes = await repo.activeGrantScopes(db, patientId, actor.userId);
    if (!scopes) return null;
    return scope === 'profile' || scopes.includes(scope) ? 'caregiver' : null;
  }
  if (actor.role === 'navigator' || actor.role === 'specialist') {
    if (await repo.activeCareTeamRole(db, patientId, actor.userId)) return 'care_team';
  }
  if (await repo.activeBreakGlass(db, patientId, actor.userId)) return 'emergency';
  return null;
}

/** Audits a read or write of a patient's PHI; `emergency` marks access through break-glass. */
export async function auditPhi(
  deps: Deps,
  actor: Actor,
  entry: { action: string; patientId: string; targetType: string; targetId?: string; access?: Access; details?: Record<string, string | number | boolean | null> },
  tx?: Parameters<Deps['audit']['record']>[1],
): Promise<void> {
  await deps.audit.record(
    {
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
    },
    tx,
  );
}

export async function caseload(deps: Deps, actor: Actor) {
  const patients = await repo.careTeamPatients(deps.db, actor.userId);
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
export async function careTeam(deps: Deps, patientId: string) {
  return repo.careTeamOf(deps.db, patientId);
}

export async function caregivers(deps: Deps, patientId: string) {
  return repo.caregiversOf(deps.db, patientId);
}

export async function primaryNavigatorId(deps: Deps, patientId: string): Promise<string | null> {
  return (await repo.findPatient(deps.db, patientId))?.navigatorId ?? null;
}

export const getUser = (deps: Deps, id: string) => repo.findUserById(deps.db, id);
export const getUsers = (deps: Deps, ids: string[]) => repo.usersByIds(deps.db, ids);
/** The organization: name, time zone and working hours (for out-of-hours answers, deadlines, escalation). */
export const getOrganization = (deps: Deps, orgId: string) => repo.findOrganization(deps.db, orgId);
/** The patient's record row (site, primary navigator, date of birth). */
export const getPatientRecord = (deps: Deps, patientId: string) => repo.findPatient(deps.db, patientId);
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
}

export async function revokeCaregiver(deps: Deps, actor: Actor, caregiverId: string) {
  await deps.db.transaction(async (tx) => {
    const revoked = await repo.revokeGrant(tx, actor.userId, caregiverId);
    if (revoked.length === 0) throw new AppError('not_found');
    await auditPhi(deps, actor, { action: 'caregiver.revoke', patientId: actor.userId, targetType: 'caregiver', targetId: caregiverId }, tx);
  });
}

/** A navigator adds a specialist or interpreter to a patient's care team (e.g. for a consultation). */
export async function addCareTeamMember(deps: Deps, actor: Actor, patientId: string, member: { userId: string; role: 'navigator' | 'specialist' | 'interpreter' }) {
  await assertPatientAccess(deps, actor, patientId, 'profile');
  const user = await repo.findUserById(deps.db, member.userId);
  const roleFits = user && (member.role === 'interpreter' ? user.role !== 'patient' && user.role !== 'caregiver' : user.role === member.role);
  if (!user || user.orgId !== actor.orgId || !roleFits) throw new AppError('invalid', 'That user cannot take this care-team role.');
  await deps.db.transaction(async (tx) => {
    await repo.addCareTeamMember(tx, { patientId, userId: member.userId, role: member.role, addedBy: actor.userId });
    await auditPhi(deps, actor, { action: 'care_team.add', patientId, targetType: 'user', targetId: member.userId, details: { role: member.role } }, tx);
  });
}

export async function removeCareTeamMember(deps: Deps, actor: Actor, patientId: string, userId: string) {
  await assertPatientAccess(deps, actor, patientId, 'profile');
  await deps.db.transaction(async (tx) => {
    const removed = await repo.removeCareTeamMember(tx, patientId, userId);
    if (removed.length === 0) throw new AppError('not_found');
    await auditPhi(deps, actor, { action: 'care_team.remove', patientId, targetType: 'user', targetId: userId }, tx);
  });
}

/**
 * Emergency ("break-glass") access: a time-limited grant that needs a reason and is audited as
 * `emergency` (SECURITY.md S21), for staff outside the patient's care team in an urgent situation.
 */
export async function breakGlass(deps: Deps, actor: Actor, patientId: string, reason: string, minutes: number) {
  if (!(await repo.findPatient(deps.db, patientId))) throw new AppError('not_found');
  // A user with a second factor must have proven it in the last 15 minutes (SECURITY.md S26).
  await assertRecentFactor(deps, actor);
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
  return { id, expiresAt: expiresAt.toISOString() };
}

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
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: userId, outcome: 'success', requestId: actor.requestId });
  if (disabled) await deps.sessions.destroyAll(userId, 'disabled');
}

export const updatePrefs = (deps: Deps, userId: string, prefs: { locale?: string | undefined; timezone?: string | undefined }) =>
  repo.updateUserPrefs(deps.db, userId, prefs);
