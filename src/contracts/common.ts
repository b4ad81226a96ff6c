import { z } from 'zod';
import { ERROR_CODES, LOCALES, ROLES } from './constants.ts';

export { ERROR_CODES, LOCALES, ROLES };

export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const RTL_LOCALES: readonly Locale[] = ['ar'];

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Id = z.uuid();

export const ErrorCode = z.enum(ERROR_CODES);

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Socket.io acknowledgement: every client-to-server event with a reply answers in this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (reply: Ack<T>) => void;

/** IANA time zone, checked against the runtime's tz database. */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');
