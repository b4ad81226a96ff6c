import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Quiet hours in the person's own time zone; `end` before `start` wraps midnight (22:00-07:00). */
export const QuietHoursRequest = z
  .object({ start: HHMM, end: HHMM })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
export type QuietHours = z.infer<typeof QuietHoursRequest>;
