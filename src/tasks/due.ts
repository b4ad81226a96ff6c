import type { DueSpec } from '../contracts/tasks.ts';
import { addCalendarDays, addDuration, lastOpenInstant, type WorkingHours } from '../platform/time.ts';

/**
 * When a task created at `from` is due. Calendar days keep the wall-clock time in the organization's
 * zone and then fall back to the last working moment, so "within 14 days" is never later than 14 days;
 * working units count only the organization's working hours (and skip its holidays).
 */
export function dueFrom(from: number, spec: DueSpec, wh: WorkingHours, tz: string): Date {
  if (spec.unit !== 'days') return addDuration(from, { amount: spec.amount, unit: spec.unit }, wh, tz);
  return lastOpenInstant(addCalendarDays(from, spec.amount, tz), wh, tz);
}

