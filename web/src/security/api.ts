/**
 * Sign-in and security calls (src/auth/security-routes.ts). Types come from the contracts as
 * `import type`, so zod stays out of the bundle.
 */
import type { MfaMethod, MfaStatus, SessionSummary, TotpSetup } from '../../../src/contracts/auth-security.ts';
import { api, ApiError } from '../api.ts';

export type { MfaMethod, MfaStatus, SessionSummary, TotpSetup };

/** Mirrors PASSWORD_MIN in src/contracts/auth.ts. */
export const PASSWORD_MIN = 12;

/** What /api/auth/login answers for a restricted session (second factor needed or to be enrolled). */
export interface MfaChallenge {
  mfa: 'required' | 'enrol';
  methods: MfaMethod[];
}

type Json = Record<string, unknown>;
const quiet = { redirectOnUnauthorized: false } as const;

export const securityApi = {
  requestReset: (email: string) => api.post<void>('/api/auth/password-reset', { email }),
  confirmReset: (token: string, password: string) => api.post<void>('/api/auth/password-reset/confirm', { token, password }),
  changePassword: (currentPassword: string, password: string) => api.post<void>('/api/auth/password', { currentPassword, password }),
  // A wrong code answers 401 without ending the restricted session: not a reason to leave the page.
  proveCode: (code: string) => api.post<void>('/api/auth/mfa', { code }, quiet),
  passkeyOptions: () => api.post<Json>('/api/auth/mfa/passkey/options', undefined, quiet),
  provePasskey: (response: unknown) => api.post<void>('/api/auth/mfa/passkey', { response }, quiet),
  status: () => api.get<MfaStatus>('/api/auth/mfa'),
  totpSetup: () => api.post<TotpSetup>('/api/auth/mfa/totp/setup', undefined, quiet),
  totpConfirm: (code: string) => api.post<{ recoveryCodes: string[] | null }>('/api/auth/mfa/totp/confirm', { code }, quiet),
  totpRemove: () => api.delete<void>('/api/auth/mfa/totp'),
  passkeyRegistrationOptions: () => api.post<Json>('/api/auth/mfa/passkey/register/options', undefined, quiet),
  passkeyRegister: (name: string, response: unknown) => api.post<{ recoveryCodes: string[] | null }>('/api/auth/mfa/passkey/register', { name, response }, quiet),
  passkeyRemove: (id: string) => api.delete<void>(`/api/auth/mfa/passkeys/${encodeURIComponent(id)}`),
  newRecoveryCodes: () => api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/recovery-codes'),
  sessions: () => api.get<SessionSummary[]>('/api/auth/sessions'),
  endSession: (id: string) => api.delete<void>(`/api/auth/sessions/${id}`),
  endOtherSessions: () => api.delete<{ ended: number }>('/api/auth/sessions'),
  orgSettings: () => api.get<{ requireStaffMfa: boolean }>('/api/auth/org-settings'),
  setOrgSettings: (requireStaffMfa: boolean) => api.put<{ requireStaffMfa: boolean }>('/api/auth/org-settings', { requireStaffMfa }),
};

export const STAFF_ROLES = ['navigator', 'specialist', 'admin'] as const;

/** The message (path, rule) the server gave for a field, e.g. ('password', 'too_common'). */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const hit = (error.details as Array<{ path?: unknown; message?: unknown }>).find((d) => d.path === path);
  return typeof hit?.message === 'string' ? hit.message : undefined;
}

/** The password rule a new password breaks, checked in the browser before asking the server. */
export function localPasswordProblem(password: string, confirm: string): 'too_short' | 'mismatch' | undefined {
  if ([...password].length < PASSWORD_MIN) return 'too_short';
  if (password !== confirm) return 'mismatch';
  return undefined;
}
