/**
 * The account screens' calls: invitations (src/auth/routes.ts) and users, caregivers and the audit
 * check (src/people/routes.ts). Types come from the contracts as `import type`, so no zod here.
 */
import type { CaregiverScope, UserSummary } from '../../../src/contracts/people.ts';
import { api, type Locale, type Role } from '../api.ts';

export type { CaregiverScope, UserSummary };

/** Mirrors CAREGIVER_SCOPES in src/contracts/people.ts (a value import would pull zod into the bundle). */
export const SCOPES = ['messages', 'checkins', 'appointments', 'records', 'referral_consent'] as const satisfies readonly CaregiverScope[];

/** Mirrors PASSWORD_MIN in src/contracts/auth.ts. */
export const PASSWORD_MIN = 12;

export interface InvitationDetails {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  expiresAt: string;
}

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  navigatorId?: string;
}

export interface CreatedInvitation {
  id: string;
  link: string;
  expiresAt: string;
}

export interface Caregiver {
  id: string;
  name: string;
  scopes: CaregiverScope[];
}

export interface AuditVerification {
  rows: number;
  broken: number[];
  problems: Array<{ seq: number; problem: 'altered' | 'deleted' | 'inserted' }>;
  brokenSeals: number[];
  unsealed: { rows: number; firstSeq: number | null; oldestAt: string | null };
}

const tokenPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export const accountApi = {
  // A stranger's link: a 401 here is not an ended session of whoever else uses this browser.
  invitation: (token: string, signal?: AbortSignal) =>
    api.get<InvitationDetails>(tokenPath(token), { redirectOnUnauthorized: false, ...(signal ? { signal } : {}) }),
  acceptInvitation: (token: string, password: string) =>
    api.post<{ userId: string }>('/api/invitations/accept', { token, password }, { redirectOnUnauthorized: false }),
  invite: (invitation: NewInvitation) => api.post<CreatedInvitation>('/api/invitations', invitation),
  users: () => api.get<{ users: UserSummary[] }>('/api/admin/users'),
  setDisabled: (userId: string, disabled: boolean) =>
    api.put<void>(`/api/admin/users/${encodeURIComponent(userId)}/disabled`, { disabled }),
  verifyAudit: () => api.get<AuditVerification>('/api/admin/audit/verify'),
  setCaregiverScopes: (caregiverId: string, scopes: CaregiverScope[]) =>
    api.put<void>('/api/me/caregivers', { caregiverId, scopes }),
  revokeCaregiver: (caregiverId: string) => api.delete<void>(`/api/me/caregivers/${encodeURIComponent(caregiverId)}`),
};

/** A date and time in the reader's language (the expiry of a link). */
export function formatDateTime(iso: string, lng: string): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
