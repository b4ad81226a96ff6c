import type { Actor, Deps } from '../platform/context.ts';
import { addAgendaItem } from './case-review.ts';
import { getReferral, transition } from './service.ts';

/**
 * Scheduling a referral: at a time the receiving site sets (a consultation), or into one of its
 * case-review sessions: putting the case on that session's agenda schedules it at the session's start
 * (docs/decisions/0505).
 */
export async function scheduleReferral(deps: Deps, actor: Actor, referralId: string, input: { scheduledFor?: string | undefined; caseReviewId?: string | undefined }) {
  if (!input.caseReviewId) return transition(deps, actor, referralId, 'scheduled', { scheduledFor: input.scheduledFor });
  await addAgendaItem(deps, actor, input.caseReviewId, referralId);
  return getReferral(deps, actor, referralId);
}
