import type { SpecialistHomeView } from '../../../src/contracts/home.ts';
import type { CaseReviewStatus, EuracanDomain, ReferralSummary, TreatmentCode } from '../../../src/contracts/referrals.ts';
import { api } from '../api.ts';

export type { SpecialistHomeView, TreatmentCode };
export { TREATMENT_CODES } from '../../../src/contracts/referrals.ts';

export interface CaseReviewListItem {
  id: string;
  title: string;
  siteId: string;
  domain: EuracanDomain | null;
  startsAt: string;
  durationMinutes: number;
  status: CaseReviewStatus;
  role: 'host' | 'participant';
}

export interface AgendaItem {
  position: number;
  referralId: string;
  type: string | null;
  state: string | null;
  patientName: string | null;
  /** The language the patient reads, when the case is shared with this participant. */
  patientLocale: string | null;
  domain: EuracanDomain | null;
  topography: string | null;
  morphology: string | null;
  consent: 'none' | 'active' | 'revoked' | null;
  hasRecommendation: boolean;
}

export interface CaseReview extends Omit<CaseReviewListItem, 'role'> {
  myRole: 'host' | 'participant';
  participants: Array<{ userId: string; name: string; role: 'host' | 'participant' }>;
  agenda: AgendaItem[];
}

export interface PacketItem {
  id: string;
  kind: string;
  source: 'attachment' | 'navigator';
  attachmentId: string | null;
  /** The upload's stored type: image/png, image/jpeg or application/pdf. */
  contentType: string | null;
  title: string;
  body: string | null;
  documentDate: string | null;
}

/** One referral as a case-review participant sees it (GET /api/referrals/:id). */
export interface CaseReferral extends ReferralSummary {
  viewer: 'sender' | 'receiver' | 'patient';
  question: string | null;
  packet: PacketItem[] | null;
  mapping: { topography: { term: string }; morphology: { term: string } } | null;
  recommendation: { diagnosis: 'confirmed' | 'revised'; treatment: TreatmentCode[]; followUp: { with: string; inWeeks: number } } | null;
}

export interface PatientSummary {
  locale: string;
  siteName: string;
  writtenAt: string;
  paragraphs: string[];
  note: { text: string; language: string | null; languageName: string } | null;
}

export const paths = {
  specialistHome: '/api/home/specialist',
  caseReviews: '/api/case-reviews',
  caseReview: (id: string) => `/api/case-reviews/${id}`,
  referral: (id: string) => `/api/referrals/${id}`,
  incoming: '/api/referrals/incoming',
  summary: (referralId: string) => `/api/referrals/${referralId}/summary`,
  /** The packet viewer's source: shown inline, under the file's own sandbox CSP, audited per view. */
  packetFile: (referralId: string, itemId: string, inline: boolean) => `/api/referrals/${referralId}/packet/${itemId}/file` + (inline ? '?inline=1' : ''),
};

export const caseReviewApi = {
  specialistHome: () => api.get<SpecialistHomeView>(paths.specialistHome),
  list: () => api.get<{ caseReviews: CaseReviewListItem[] }>(paths.caseReviews),
  get: (id: string) => api.get<CaseReview>(paths.caseReview(id)),
  create: (body: { siteId: string; title: string; startsAt: string; durationMinutes: number }) => api.post<CaseReview>(paths.caseReviews, body),
  addCase: (id: string, referralId: string) => api.post<CaseReview>(`${paths.caseReview(id)}/agenda`, { referralId }),
  setStatus: (id: string, status: 'live' | 'completed' | 'cancelled') => api.put<CaseReview>(`${paths.caseReview(id)}/status`, { status }),
  incoming: () => api.get<{ referrals: ReferralSummary[] }>(paths.incoming),
  referral: (id: string) => api.get<CaseReferral>(paths.referral(id)),
  recommend: (referralId: string, body: unknown) => api.post<unknown>(`/api/referrals/${referralId}/recommendation`, body),
  summary: (referralId: string) => api.get<PatientSummary>(paths.summary(referralId)),
  threads: () => api.get<{ threads: Array<{ id: string; kind: string; patientId: string | null }> }>('/api/threads'),
  ask: (threadId: string, body: string) => api.post<unknown>(`/api/threads/${threadId}/messages`, { clientId: crypto.randomUUID(), body }),
};
