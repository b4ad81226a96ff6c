import type { Actor, Deps } from '../platform/context.ts';
import { addAgendaItem } from './case-review.ts';
import { transition } from './service.ts';

/**
 * Scheduling a referral: at a time the receiving site sets (a consultation), or into one of its
 * case-review sessions, which puts the case on that session's agenda and takes the session's start
 * as the referral's time (docs/decisions/0505).
 */
export async function scheduleReferral(deps: Deps, actor: Actor, referralId: string, input: { scheduledFor?: string | undefined; caseReviewId?: string | undefined }) {
  if (!input.caseReviewId) return transition(deps, actor, referralId, 'scheduled', { scheduledFor: input.scheduledFor });
  const review = await addAgendaItem(deps, actor, input.caseReviewId, referralId);
  return transition(deps, actor, referralId, 'scheduled', { scheduledFor: review.startsAt });
}
