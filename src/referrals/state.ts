import type { ReferralState } from '../contracts/referrals.ts';

/** Which side of a referral acts: the referring navigator or the receiving site's staff. */
export type Side = 'sender' | 'receiver';

/**
 * The referral state machine: draft -> sent -> accepted | declined(reason) -> scheduled -> completed,
 * and cancelled from any open state. Declined, completed and cancelled are final. Every pair not listed
 * here is illegal (test/unit/referrals/state.test.ts walks all of them).
 */
export const TRANSITIONS: Readonly<Record<ReferralState, Partial<Record<ReferralState, readonly Side[]>>>> = {
  draft: { sent: ['sender'], cancelled: ['sender'] },
  sent: { accepted: ['receiver'], declined: ['receiver'], cancelled: ['sender'] },
  accepted: { scheduled: ['receiver'], cancelled: ['sender', 'receiver'] },
  declined: {},
  scheduled: { completed: ['receiver'], cancelled: ['sender', 'receiver'] },
  completed: {},
  cancelled: {},
};

export const FINAL_STATES: readonly ReferralState[] = ['declined', 'completed', 'cancelled'];
/** States in which the receiving site sees the referral (a draft is the sender's alone). */
export const VISIBLE_TO_RECEIVER: readonly ReferralState[] = ['sent', 'accepted', 'declined', 'scheduled', 'completed', 'cancelled'];

export function canTransition(from: ReferralState, to: ReferralState, side: Side): boolean {
  return TRANSITIONS[from][to]?.includes(side) ?? false;
}

/** Transitions that need a reason from the actor. */
export const NEEDS_REASON: readonly ReferralState[] = ['declined', 'cancelled'];
