import { Temporal } from 'temporal-polyfill';

/**
 * The one time module of the server (docs/decisions/0203): zoned wall times, an organization's working
 * hours and days with its holidays, daylight-saving changes, and calendar weeks, all through the Temporal
 * API (temporal-polyfill) and the runtime's tz database. No other file does date arithmetic by hand.
 *
 * Wall times that do not exist (spring-forward gap) move forward by the gap; wall times that exist twice
 * (fall-back overlap) resolve to the earlier instant: Temporal's 'compatible' disambiguation, the same
 * rule RFC 5545 §3.3.5 prescribes for DTSTART.
 */

/** Working hours of an organization: ISO weekdays (1 = Monday .. 7 = Sunday; 0 also means Sunday), local "HH:MM", holidays as local dates "YYYY-MM-DD". */
export interface WorkingHours {
  days: number[];
  start: string;
  end: string;
  holidays?: string[] | undefined;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Units a clinical or operational delay can be written in. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'working_hours' | 'working_days';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

type Instant = Date | number;
const ms = (at: Instant) => (typeof at === 'number' ? at : at.getTime());
const zoned = (at: Instant, tz: string) => Temporal.Instant.fromEpochMilliseconds(ms(at)).toZonedDateTimeISO(tz);
const toDate = (z: Temporal.ZonedDateTime) => new Date(z.epochMilliseconds);

/** "HH:MM" -> minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** The wall time an instant shows in a zone, with its ISO weekday (1 = Monday .. 7 = Sunday). */
export function wallTime(at: Instant, tz: string): WallTime & { second: number; weekday: number } {
  const z = zoned(at, tz);
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second, weekday: z.dayOfWeek };
}

/** The instant a wall time names in a zone (see the file comment for gaps and overlaps). */
export function zonedToInstant(w: WallTime, tz: string): Date {
  return toDate(Temporal.PlainDateTime.from({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute }).toZonedDateTime(tz, { disambiguation: 'compatible' }));
}

/** Offset of the zone from UTC at an instant, in minutes (Madrid in summer: +120). */
export function offsetMinutes(at: Instant, tz: string): number {
  return Math.round(zoned(at, tz).offsetNanoseconds / 60e9);
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(at: Instant, tz: string): string {
  return zoned(at, tz).toPlainDate().toString();
}

/** The same wall-clock time `days` calendar days later (negative: earlier) in the zone, whatever DST does between. */
export function addCalendarDays(at: Instant, days: number, tz: string): Date {
  return toDate(zoned(at, tz).add({ days }));
}

/** Whether a local date is one of the organization's working days (its weekdays, minus its holidays). */
export function isWorkingDate(date: Temporal.PlainDate | string, wh: WorkingHours): boolean {
  const d = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
  const days = wh.days.map((x) => (x === 0 ? 7 : x));
  return days.includes(d.dayOfWeek) && !(wh.holidays ?? []).includes(d.toString());
}

/** Opening and closing instants of one local date, or null when the organization is closed that day. */
function openingOn(date: Temporal.PlainDate, wh: WorkingHours, tz: string): { open: number; close: number } | null {
  if (!isWorkingDate(date, wh)) return null;
  // Minutes after local midnight, so "24:00" closes at the next midnight (as an hour of 24 it would clamp to 23:00).
  const at = (hhmm: string) => date.toPlainDateTime().add({ minutes: clockMinutes(hhmm) }).toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds;
  const open = at(wh.start);
  const close = at(wh.end);
  return close > open ? { open, close } : null;
}

const hasHours = (wh: WorkingHours) => wh.days.length > 0 && clockMinutes(wh.end) > clockMinutes(wh.start);

/** Whether the organization is open at an instant (start inclusive, end exclusive, holidays closed). */
export function isOpen(at: Instant, wh: WorkingHours, tz: string): boolean {
  const o = openingOn(zoned(at, tz).toPlainDate(), wh, tz);
  return o !== null && ms(at) >= o.open && ms(at) < o.close;
}

/** Days searched ahead for working time: a year covers any holiday calendar an organization keeps. */
const HORIZON_DAYS = 400;

/** The first instant at or after `from` when the organization is open; null when it never opens. */
export function nextOpening(from: Instant, wh: WorkingHours, tz: string): Date | null {
  if (!hasHours(wh)) return null;
  let date = zoned(from, tz).toPlainDate();
  for (let i = 0; i < HORIZON_DAYS; i++, date = date.add({ days: 1 })) {
    const o = openingOn(date, wh, tz);
    if (o && ms(from) < o.close) return new Date(Math.max(ms(from), o.open));
  }
  return null;
}

/** Length of one working day in ms (on a day without a DST change). */
export function workingDayMs(wh: WorkingHours): number {
  return Math.max(0, clockMinutes(wh.end) - clockMinutes(wh.start)) * 60_000;
}

/**
 * Adds working time: only the organization's working days (minus holidays) and hours count, on its
 * clock. Starting outside hours, the clock starts at the next opening. A result that lands exactly on a
 * closing time stays there: "2 working days" from a Saturday, with hours 08:00-18:00 Monday to Friday,
 * ends Tuesday 18:00 (the end of the second working day), not Wednesday 08:00 (docs/decisions/0203).
 * Without working hours the time is elapsed time.
 */
export function addWorkingTime(from: Instant, durationMs: number, wh: WorkingHours, tz: string): Date {
  if (!hasHours(wh)) return new Date(ms(from) + durationMs);
  let remaining = durationMs;
  let cursor = ms(from);
  let date = zoned(from, tz).toPlainDate();
  for (let i = 0; i < HORIZON_DAYS * 10; i++, date = date.add({ days: 1 })) {
    const o = openingOn(date, wh, tz);
    if (!o) continue;
    const start = Math.max(cursor, o.open);
    if (start >= o.close) continue;
    if (start + remaining <= o.close) return new Date(start + remaining);
    remaining -= o.close - start;
    cursor = o.close;
  }
  throw new Error('working time beyond the search horizon');
}

/** `days` whole working days of working time (see addWorkingTime for where they end). */
export function addWorkingDays(from: Instant, days: number, wh: WorkingHours, tz: string): Date {
  return addWorkingTime(from, days * workingDayMs(wh), wh, tz);
}

/** When a duration from `from` ends: elapsed time for plain units, working time for the working units. */
export function addDuration(from: Instant, d: Duration, wh: WorkingHours, tz: string): Date {
  switch (d.unit) {
    case 'seconds':
      return new Date(ms(from) + d.amount * 1000);
    case 'minutes':
      return new Date(ms(from) + d.amount * 60_000);
    case 'hours':
      return new Date(ms(from) + d.amount * 3_600_000);
    case 'working_hours':
      return addWorkingTime(from, d.amount * 3_600_000, wh, tz);
    case 'working_days':
      return addWorkingDays(from, d.amount, wh, tz);
  }
}

/** The latest instant at or before `at` when the organization is open (itself when open; else the last closing). */
export function lastOpenInstant(at: Instant, wh: WorkingHours, tz: string): Date {
  if (!hasHours(wh)) return new Date(ms(at));
  let date = zoned(at, tz).toPlainDate();
  for (let i = 0; i < HORIZON_DAYS; i++, date = date.subtract({ days: 1 })) {
    const o = openingOn(date, wh, tz);
    if (o && ms(at) >= o.open) return new Date(Math.min(ms(at), o.close));
  }
  return new Date(ms(at));
}

/** The closing time of the `n`-th working day before the local date of `at` (e.g. travel booked before a visit). */
export function closeOfWorkingDaysBefore(at: Instant, n: number, wh: WorkingHours, tz: string): Date {
  if (!hasHours(wh)) return new Date(ms(at) - n * 86_400_000);
  let date = zoned(at, tz).toPlainDate();
  let left = n;
  for (let i = 0; i < HORIZON_DAYS; i++) {
    date = date.subtract({ days: 1 });
    const o = openingOn(date, wh, tz);
    if (o && --left <= 0) return new Date(o.close);
  }
  throw new Error('working time beyond the search horizon');
}

/** Monday of the ISO week a local date belongs to. */
const mondayOf = (d: Temporal.PlainDate) => d.subtract({ days: d.dayOfWeek - 1 });

/**
 * Calendar weeks between two instants on the zone's calendar (ISO weeks, Monday first): 0 within the
 * same week, 1 for the next one, and so on, whatever the hour and whatever DST does in between.
 * Biweekly schedules count their weeks this way (issue 16, item 7).
 */
export function calendarWeeksBetween(anchor: Instant, at: Instant, tz: string): number {
  const a = mondayOf(zoned(anchor, tz).toPlainDate());
  const b = mondayOf(zoned(at, tz).toPlainDate());
  return Math.round(a.until(b, { largestUnit: 'days' }).days / 7);
}

/** The local date (YYYY-MM-DD) of the Monday starting the zone's calendar week of an instant. */
export function weekStart(at: Instant, tz: string): string {
  return mondayOf(zoned(at, tz).toPlainDate()).toString();
}

/** ISO weekday (1 = Monday .. 7 = Sunday) and day of month of an instant in a zone. */
export function weekdayAndDay(at: Instant, tz: string): { weekday: number; day: number } {
  const z = zoned(at, tz);
  return { weekday: z.dayOfWeek, day: z.day };
}

/** "Monday 08:00" in the reader's language, on the organization's clock. */
export function formatOpening(at: Instant, tz: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms(at)));
}

/**
 * The quiet-hours window [start, end) on the zone's clock that contains the instant, or null when it is
 * not inside one; "HH:MM" bounds, end before start wraps midnight (22:00-07:00). Each bound is read on its
 * own day's clock, so a window across a DST change is 7 or 9 elapsed hours long, not 8.
 */
export function quietWindowAround(at: Date, tz: string, quietStart: string, quietEnd: string): { start: Date; end: Date } | null {
  const s = clockMinutes(quietStart);
  const e = clockMinutes(quietEnd);
  if (s === e) return null;
  const w = wallTime(at, tz);
  const m = w.hour * 60 + w.minute;
  const at_ = (delta: number, minutes: number) => {
    const day = wallTime(addCalendarDays(zonedToInstant({ ...w, hour: 12, minute: 0 }, tz), delta, tz), tz);
    return zonedToInstant({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, tz);
  };
  if (s < e) return m >= s && m < e ? { start: at_(0, s), end: at_(0, e) } : null;
  // Over midnight (21:00-08:00): the evening part belongs to tonight's window, the morning part to last night's.
  if (m >= s) return { start: at_(0, s), end: at_(1, e) };
  if (m < e) return { start: at_(-1, s), end: at_(0, e) };
  return null;
}
