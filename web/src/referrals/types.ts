import type { ReferralState, ReferralSummary } from '../../../src/contracts/referrals.ts';

export type { ReferralSummary };


export interface ReferralDetail extends ReferralSummary {
  viewer: 'sender' | 'receiver' | 'patient';
  question: string | null;
  declineReason: string | null;
  consent: { status: 'none' | 'active' | 'revoked' };
  packet: Array<{ id: string; kind: string; title: string; body: string | null }> | null;
  checklist: { complete: boolean; items: Array<{ item: string; required: boolean; done: boolean }> };
  mapping: { topography: { term: string }; morphology: { term: string } } | null;
}

export const BOARD_STATES: readonly ReferralState[] = ['sent', 'accepted', 'scheduled', 'draft', 'declined', 'completed', 'cancelled'];
