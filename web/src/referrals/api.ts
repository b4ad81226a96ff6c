import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EuracanDomain, ReferralType, ReferralUrgency } from '../../../src/contracts/referrals.ts';
import type { RecordsView } from '../../../src/contracts/records.ts';
import { api } from '../api.ts';
import type { CodeMapping, ReferralDetail } from './types.ts';

/** react-query over one GET path: the path is the key, so `referral:changed` refreshes it (live/invalidations.ts). */
export function usePath<T>(path: string | null) {
  return useQuery({ queryKey: [path], queryFn: () => api.get<T>(path!), enabled: path !== null });
}

export const referralPath = (id: string) => `/api/referrals/${id}`;

export interface CodeHit {
  code: string;
  term: string;
  axis: 'topography' | 'morphology';
}

export interface SiteSuggestion {
  id: string;
  name: string;
  kind: 'reference_centre' | 'partner_hospital';
  city: string;
  telemedicine: boolean;
  languages: string[];
  speaksPatientLanguage: boolean;
  travelMinutes: number | null;
}

export interface DraftPatch {
  toSiteId?: string;
  urgency?: ReferralUrgency;
  topography?: string | null;
  morphology?: string | null;
  domain?: EuracanDomain | null;
  question?: string;
}

export interface CaseReviewSession {
  id: string;
  title: string;
  siteId: string;
  startsAt: string;
  status: string;
  role: string;
}

export type { RecordsView };

/** The language ICD-O-3 terms are asked in: the reader's when the table ships it, else English. */
export const codeLocale = (language: string) => (language === 'es' || language === 'ar' ? language : 'en');

/** What a code pair routes to, with its terms in the reader's language (0509); `not_found` for codes the table lacks. */
export function useCodeMapping(topography: string | null, morphology: string | null) {
  const { i18n } = useTranslation();
  const locale = codeLocale(i18n.language);
  return useQuery({
    queryKey: ['/api/referrals/codes/map', topography, morphology, locale],
    queryFn: () => api.get<{ mapping: CodeMapping }>(`/api/referrals/codes/map?${new URLSearchParams({ topography: topography!, morphology: morphology!, locale })}`),
    enabled: Boolean(topography && morphology),
    retry: false,
  });
}

export const referralsApi = {
  create: (body: { patientId: string; type: ReferralType }) => api.post<ReferralDetail>('/api/referrals', body),
  update: (id: string, patch: DraftPatch) => api.patch<ReferralDetail>(referralPath(id), patch),
  searchCodes: (q: string, axis: 'topography' | 'morphology', locale: string) => api.get<{ results: CodeHit[] }>(`/api/referrals/codes/search?${new URLSearchParams({ q, axis, locale })}`),
  addText: (id: string, body: { kind: string; title: string; body: string }) => api.post<{ id: string }>(`/api/referrals/${id}/packet`, { source: 'navigator', ...body }),
  addFile: (id: string, body: { kind: string; title: string; attachmentId: string }) => api.post<{ id: string }>(`/api/referrals/${id}/packet`, { source: 'attachment', ...body }),
  removeItem: (id: string, itemId: string) => api.delete<void>(`/api/referrals/${id}/packet/${itemId}`),
  requestConsent: (id: string) => api.post<unknown>(`/api/referrals/${id}/consent/request`, {}),
  recordConsent: (id: string, body: { method: 'verbal' | 'written'; witness: string }) => api.put<unknown>(`/api/referrals/${id}/consent`, body),
  giveConsent: (id: string) => api.put<unknown>(`/api/referrals/${id}/consent`, { method: 'in_app' }),
  declineConsent: (id: string) => api.post<unknown>(`/api/referrals/${id}/consent/decline`, {}),
  revokeConsent: (id: string) => api.delete<unknown>(`/api/referrals/${id}/consent`),
  act: (id: string, action: 'send' | 'accept' | 'decline' | 'schedule' | 'complete' | 'cancel', body: object = {}) => api.post<ReferralDetail>(`/api/referrals/${id}/${action}`, body),
  postFile: (threadId: string, attachmentId: string, body: string) => api.post<unknown>(`/api/threads/${threadId}/messages`, { clientId: crypto.randomUUID(), body, attachmentIds: [attachmentId] }),
  createSession: (body: { siteId: string; title: string; startsAt: string }) => api.post<{ id: string }>('/api/case-reviews', body),
  setDeadline: (type: ReferralType, body: { workingDays: number; reminderDays: number[]; urgentWorkingDays: number | null }) => api.put<unknown>(`/api/referrals/settings/deadlines/${type}`, body),
};
