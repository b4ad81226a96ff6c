/**
 * The web app's only door to the server: same-origin fetch with the session cookie, JSON in and
 * out, and every failure turned into an ApiError carrying one of the server's stable error codes.
 * Components translate `error.code` with the `errors` namespace (see errorMessage in i18n.ts).
 */

import type { Me } from '../../src/contracts/auth.ts';
import type { Locale, Role } from '../../src/contracts/common.ts';
import { ERROR_CODES, ROLES, type ErrorCode } from '../../src/contracts/constants.ts';

export { ERROR_CODES, ROLES, type ErrorCode };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, status: number, message?: string, details?: unknown) {
    super(message ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The code a status stands for when the body does not name one (proxy pages, empty bodies). */
function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/** The session registers this: a 401 on any call (session expired, logged out elsewhere) leads to login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  /** JSON-serialisable request body. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Set false where a 401 is an expected answer rather than an ended session:
   * the login call (wrong password) and the start-up probe of GET /api/me.
   */
  redirectOnUnauthorized?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('unavailable', 0, 'network error');
  }

  if (response.ok) {
    if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return undefined as T;
    return (await response.json()) as T;
  }

  let code = codeForStatus(response.status);
  let message: string | undefined;
  let details: unknown;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const error = (body as { error: unknown }).error;
      if (error && typeof error === 'object') {
        const e = error as { code?: unknown; message?: unknown; details?: unknown };
        if (isErrorCode(e.code)) code = e.code;
        if (typeof e.message === 'string') message = e.message;
        details = e.details;
      }
    }
  } catch {
    // Not JSON (a proxy's error page): the status decides the code.
  }

  if (code === 'unauthorized' && options.redirectOnUnauthorized !== false) onUnauthorized?.();
  throw new ApiError(code, response.status, message, details);
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

// ---- Auth and profile (contracts: src/contracts/auth.ts, common.ts) ----
// Type-only imports: the contracts' zod schemas stay out of the bundle until a screen needs them.

export type { Locale, Me, Role };


export const authApi = {
  login: (email: string, password: string) =>
    api.post<{ user: Me } | { mfa: 'required' | 'enrol'; methods: Array<'totp' | 'passkey' | 'recovery'> }>('/api/auth/login', { email, password }, { redirectOnUnauthorized: false }),
  logout: () => api.post<void>('/api/auth/logout', undefined, { redirectOnUnauthorized: false }),
  me: (options?: Omit<RequestOptions, 'body'>) => api.get<Me>('/api/me', options),
  updateMe: (patch: { locale: Locale }) => api.patch<Me>('/api/me', patch),
};
