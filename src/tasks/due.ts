import { addDuration, localDate, zonedToUtc } from '../alerts/clock.ts';
import type { DueSpec } from '../contracts/tasks.ts';
import type { WorkingHours } from '../people/tables.ts';

// Working-time arithmetic comes from the shared clock (alerts/clock.ts) until src/platform/time.ts
// (issue 16) lands; then these three functions switch to it and nothing else changes.

const DAY = 86_400_000;
const hm = (s: string) => s.split(':').map(Number) as [number, number];
const isWorkingDay = (weekday: number, wh: WorkingHours) => wh.days.includes(weekday) || (weekday === 7 && wh.days.includes(0));

/** The closing time of the local day containing `at`, and its opening. */
function dayBounds(at: number, wh: WorkingHours, tz: string) {
  const d = localDate(at, tz);
  const [sh, sm] = hm(wh.start);
  const [eh, em] = hm(wh.end);
  return { d, open: zonedToUtc(d.y, d.m, d.d, sh, sm, tz), close: zonedToUtc(d.y, d.m, d.d, eh, em, tz) };
}

/** The latest working instant at or before `at`: itself inside working hours, else the previous close. */
export function lastWorkingInstant(at: number, wh: WorkingHours, tz: string): Date {
  if (wh.days.length === 0) return new Date(at);
  let cursor = at;
  for (let i = 0; i < 400; i++) {
    const { d, open, close } = dayBounds(cursor, wh, tz);
    if (isWorkingDay(d.weekday, wh) && cursor >= open) return new Date(Math.min(cursor, close));
    cursor = zonedToUtc(d.y, d.m, d.d, 0, 0, tz) - 1;
  }
  return new Date(at);
}

/**
 * When a task created at `from` is due. Calendar days keep the wall-clock time in the organization's
 * zone and then fall back to the last working moment, so "within 14 days" is never later than 14 days;
 * working units count only the organization's working hours.
 */
export function dueFrom(from: number, spec: DueSpec, wh: WorkingHours, tz: string): Date {
  if (spec.unit !== 'days') return new Date(addDuration(from, { amount: spec.amount, unit: spec.unit }, wh, tz));
  const d = localDate(from, tz);
  const wall = new Date(from).toLocaleTimeString('en-GB', { timeZone: tz, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  const [h, m] = hm(wall);
  const target = new Date(Date.UTC(d.y, d.m - 1, d.d + spec.amount));
  const at = zonedToUtc(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate(), h, m, tz);
  return lastWorkingInstant(at, wh, tz);
}

/** The close of the `n`-th working day before the local day of `at` (travel booked before a visit). */
export function workingDaysBefore(at: number, n: number, wh: WorkingHours, tz: string): Date {
  if (wh.days.length === 0) return new Date(at - n * DAY);
  let cursor = dayBounds(at, wh, tz);
  for (let left = n; left > 0; ) {
    cursor = dayBounds(zonedToUtc(cursor.d.y, cursor.d.m, cursor.d.d, 0, 0, tz) - 1, wh, tz);
    if (isWorkingDay(cursor.d.weekday, wh)) left--;
  }
  return new Date(cursor.close);
}
