import type { Duration } from '../contracts/checkins.ts';
import type { WorkingHours } from '../people/tables.ts';

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function tzOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time in a time zone (DST gaps resolve forward). */
export function zonedToUtc(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - tzOffsetMs(guess, timeZone);
  return guess - tzOffsetMs(first, timeZone);
}

/** Local calendar date and ISO weekday (1 = Monday .. 7 = Sunday) of an instant in a time zone. */
export function localDate(at: number, timeZone: string): { y: number; m: number; d: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), weekday };
}

const hm = (s: string) => {
  const [h = '0', m = '0'] = s.split(':');
  return { h: Number(h), m: Number(m) };
};

/** Length of one working day in ms. */
export function workingDayMs(wh: WorkingHours): number {
  const s = hm(wh.start);
  const e = hm(wh.end);
  return (e.h * 60 + e.m - (s.h * 60 + s.m)) * 60_000;
}

/**
 * Adds working time to an instant: only the organization's working days and hours count, in its time
 * zone. Starting outside hours, the clock starts at the next opening.
 */
export function addWorkingTime(from: number, ms: number, wh: WorkingHours, timeZone: string): number {
  if (wh.days.length === 0 || workingDayMs(wh) <= 0) return from + ms;
  let remaining = ms;
  let cursor = from;
  const s = hm(wh.start);
  const e = hm(wh.end);
  for (let i = 0; i < 3700; i++) {
    const day = localDate(cursor, timeZone);
    // days: 1 = Monday .. 7 (or 0) = Sunday.
    if (wh.days.includes(day.weekday) || (day.weekday === 7 && wh.days.includes(0))) {
      const open = zonedToUtc(day.y, day.m, day.d, s.h, s.m, timeZone);
      const close = zonedToUtc(day.y, day.m, day.d, e.h, e.m, timeZone);
      const start = Math.max(cursor, open);
      if (start < close) {
        if (start + remaining <= close) return start + remaining;
        remaining -= close - start;
      }
    }
    // Next local midnight.
    const next = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
    cursor = zonedToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
  }
  return from + ms;
}

/** When a duration from `from` ends, counting working time for the working units. */
export function addDuration(from: number, d: Duration, wh: WorkingHours, timeZone: string): number {
  switch (d.unit) {
    case 'seconds':
      return from + d.amount * 1000;
    case 'minutes':
      return from + d.amount * 60_000;
    case 'hours':
      return from + d.amount * 3_600_000;
    case 'working_hours':
      return addWorkingTime(from, d.amount * 3_600_000, wh, timeZone);
    case 'working_days':
      return addWorkingTime(from, d.amount * workingDayMs(wh), wh, timeZone);
  }
}
