/**
 * Plain constants shared by server and web. No zod here, so the web bundle can import values
 * (not only types) without pulling the validation library in.
 */
export const ERROR_CODES = ['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ROLES = ['patient', 'caregiver', 'navigator', 'specialist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
