import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import * as repo from './repo.ts';
import { accessLost } from './revocation.ts';
import { auditPhi, changed } from './service.ts';

/**
 * Care-team memberships made for referrals (docs/decisions/0508, 0510). Each open referral that needs the
 * specialist holds the membership; the specialist leaves when the last hold is released. A membership
 * with no holds is a standing one (a navigator added the specialist) and no referral removes it.
 */

/**
 * The receiving specialist of an accepted referral joins the patient's care team for the referral's
 * consultation. The caller (the referrals domain) has checked that the actor is the receiving site's
 * staff on a referral the patient consented to share; that relationship, not a care-team manager,
 * authorizes this one membership. Answers whether the referral now holds the membership (false for a
 * standing member, so the referral's end never removes them).
 */
export async function joinCareTeamForReferral(deps: Deps, actor: Actor, patientId: string, referralId: string): Promise<boolean> {
  if (actor.role !== 'specialist') throw new AppError('forbidden');
  const added = await deps.db.transaction(async (tx) => {
    const member = await repo.lockCareTeamMember(tx, patientId, actor.userId);
    if (member && (await repo.referralHolds(tx, patientId, actor.userId)).length === 0) return null;
    if (!member) {
      // Holds outlive a membership a navigator ended; they must not keep the new one.
      await repo.clearReferralHolds(tx, patientId, actor.userId);
      await repo.addCareTeamMember(tx, { patientId, userId: actor.userId, role: 'specialist', addedBy: actor.userId });
    }
    await repo.addReferralHold(tx, { patientId, userId: actor.userId, referralId });
    const action = member ? 'care_team.hold' : 'care_team.add';
    await auditPhi(deps, actor, { action, patientId, targetType: 'user', targetId: actor.userId, details: { role: 'specialist', referralId } }, tx);
    return !member;
  });
  if (added === null) return false;
  if (added) changed(deps, patientId, actor.userId);
  return true;
}

/**
 * The referral is over (cancelled or completed): it releases its hold, and the specialist leaves the
 * care team at once when no other open referral holds the membership.
 */
export async function leaveCareTeamAfterReferral(deps: Deps, actor: Actor, patientId: string, specialistId: string, referralId: string) {
  const left = await deps.db.transaction(async (tx) => {
    const member = await repo.lockCareTeamMember(tx, patientId, specialistId);
    const released = (await repo.removeReferralHold(tx, referralId)).length > 0;
    if (!member || !released) return false;
    const others = await repo.referralHolds(tx, patientId, specialistId);
    if (others.length > 0) {
      await auditPhi(deps, actor, { action: 'care_team.release', patientId, targetType: 'user', targetId: specialistId, details: { referralId, heldBy: others.join(',') } }, tx);
      return false;
    }
    await repo.removeCareTeamMember(tx, patientId, specialistId);
    await auditPhi(deps, actor, { action: 'care_team.remove', patientId, targetType: 'user', targetId: specialistId, details: { referralId } }, tx);
    return true;
  });
  if (!left) return;
  changed(deps, patientId, specialistId);
  await accessLost(deps, { userId: specialistId, patientId, reason: 'care_team' });
}
