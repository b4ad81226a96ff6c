import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { addAgendaItem } from './case-review.ts';
import { bookConsultation, moveConsultation, releaseConsultation } from './consultation.ts';
import * as repo from './repo.ts';
import { getReferral, pushChanged, transition, viewerOf } from './service.ts';

/**
 * Scheduling a referral: into one of the receiving site's case-review sessions (putting the case on that
 * session's agenda schedules it at the session's start, docs/decisions/0505), or at a time, which books
 * the video consultation with the receiving specialist (0508). A new time for a scheduled consultation
 * moves its appointment.
 */
export async function scheduleReferral(deps: Deps, actor: Actor, referralId: string, input: { scheduledFor?: string | undefined; caseReviewId?: string | undefined }) {
  if (input.caseReviewId) {
    await addAgendaItem(deps, actor, input.caseReviewId, referralId);
    return getReferral(deps, actor, referralId);
  }
  const { row, viewer } = await viewerOf(deps, actor, referralId);
  const at = new Date(input.scheduledFor!);
  if (viewer === 'receiver' && row.state === 'scheduled' && row.consultAppointmentId) return reschedule(deps, actor, row, at);
  // Only the receiving specialist books, and only what the patient agreed to share (the state and side
  // checks are transition's; a navigator or a scheduled referral gets its usual answer there).
  if (viewer !== 'receiver' || row.state !== 'accepted' || actor.role !== 'specialist') return transition(deps, actor, referralId, 'scheduled', { scheduledFor: input.scheduledFor });
  if (!(await repo.activeConsent(deps.db, row.id))) throw new AppError('conflict', "The patient's consent to share is needed to book the consultation.", [{ path: 'consent', message: 'missing' }]);
  await bookConsultation(deps, actor, row, at);
  try {
    return await transition(deps, actor, referralId, 'scheduled', { scheduledFor: input.scheduledFor });
  } catch (err) {
    // Another answer won the compare-and-set: the booking goes with it.
    await releaseConsultation(deps, actor, (await repo.findReferral(deps.db, row.id))!, 'cancelled');
    throw err;
  }
}

async function reschedule(deps: Deps, actor: Actor, row: repo.ReferralRow, at: Date) {
  await moveConsultation(deps, actor, row, at);
  await repo.updateReferral(deps.db, row.id, { scheduledFor: at });
  await pushChanged(deps, row);
  return getReferral(deps, actor, row.id);
}
