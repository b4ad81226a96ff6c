import { describe, expect, it } from 'vitest';
import { REFERRAL_STATES, type ReferralState } from '../../../src/contracts/referrals.ts';
import { canTransition, FINAL_STATES, TRANSITIONS, type Side } from '../../../src/referrals/state.ts';

// The complete list of legal moves, written out independently of the table in state.ts.
const LEGAL = new Set([
  'draft>sent:sender',
  'draft>cancelled:sender',
  'sent>accepted:receiver',
  'sent>declined:receiver',
  'sent>cancelled:sender',
  'accepted>scheduled:receiver',
  'accepted>cancelled:sender',
  'accepted>cancelled:receiver',
  'scheduled>completed:receiver',
  'scheduled>cancelled:sender',
  'scheduled>cancelled:receiver',
]);

describe('referral state machine', () => {
  const sides: Side[] = ['sender', 'receiver'];
  for (const from of REFERRAL_STATES) {
    for (const to of REFERRAL_STATES) {
      for (const side of sides) {
        const key = `${from}>${to}:${side}`;
        it(`${key} is ${LEGAL.has(key) ? 'legal' : 'illegal'}`, () => {
          expect(canTransition(from, to, side)).toBe(LEGAL.has(key));
        });
      }
    }
  }

  it('checks all 98 (from, to, side) triples and finds exactly 11 legal', () => {
    let legal = 0;
    for (const from of REFERRAL_STATES) for (const to of REFERRAL_STATES) for (const side of sides) if (canTransition(from, to, side)) legal++;
    expect(REFERRAL_STATES.length ** 2 * sides.length).toBe(98);
    expect(legal).toBe(11);
  });

  it('final states have no way out, and every state is reachable from draft', () => {
    for (const s of FINAL_STATES) expect(Object.keys(TRANSITIONS[s])).toEqual([]);
    const seen = new Set<ReferralState>(['draft']);
    const queue: ReferralState[] = ['draft'];
    while (queue.length) {
      for (const next of Object.keys(TRANSITIONS[queue.shift()!]) as ReferralState[]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...REFERRAL_STATES].sort());
  });
});
