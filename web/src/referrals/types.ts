import type { EuracanDomain, ReferralState, ReferralSummary } from '../../../src/contracts/referrals.ts';

export type { ReferralSummary };

export interface ConsentView {
  status: 'none' | 'active' | 'revoked';
  method: 'in_app' | 'verbal' | 'written' | null;
  witness: string | null;
  grantedAt: string | null;
  revokedAt: string | null;
  requestedAt: string | null;
  declinedAt: string | null;
  /** Given in the app by a caregiver the patient allowed to answer. */
  byCaregiver: boolean;
}

export interface PacketItem {
  id: string;
  kind: string;
  source: 'attachment' | 'navigator';
  attachmentId: string | null;
  title: string;
  body: string | null;
  documentDate: string | null;
}

/** What a code pair routes to (the routing table's answer; terms in the language asked). */
export interface CodeMapping {
  topography: { code: string; term: string };
  morphology: { code: string; term: string };
  ruleId: string | null;
  family: string | null;
  domain: EuracanDomain | null;
  source: string | null;
}

export interface ReferralDetail extends ReferralSummary {
  viewer: 'sender' | 'receiver' | 'patient';
  question: string | null;
  consent: ConsentView;
  /** The patient, or a caregiver holding the referral_consent scope now. */
  mayAnswerConsent: boolean;
  packet: PacketItem[] | null;
  checklist: { complete: boolean; missing: string[]; items: Array<{ item: string; required: boolean; done: boolean }> };
  mapping: CodeMapping | null;
  recommendation: { id: string } | null;
  cancelReason: string | null;
  incompleteReason: string | null;
  consultAppointmentId: string | null;
}

export const BOARD_STATES: readonly ReferralState[] = ['sent', 'accepted', 'scheduled', 'draft', 'declined', 'completed', 'cancelled'];
/** States in which a referral is still open (the rest are final). */
export const OPEN_STATES: readonly ReferralState[] = ['draft', 'sent', 'accepted', 'scheduled'];
