/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl (the runtime's tz database).
 * A wall time that does not exist (spring-forward gap) moves forward by the gap; one that exists twice
 * (fall-back overlap) resolves to the earlier instant, as RFC 5545 §3.3.5 prescribes for DTSTART.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall time (to the minute) an instant shows in a zone. */
export function wallTime(instant: Date, tz: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Offset of the zone from UTC at an instant, in minutes (Madrid in summer: +120). */
export function offsetMinutes(instant: Date, tz: string): number {
  const w = wallTime(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall time names in a zone (see the file comment for gaps and overlaps). */
export function zonedToInstant(w: WallTime, tz: string): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // Candidates from the offsets in force a day either side; keep those that show the wanted wall time.
  const offsets = new Set([offsetMinutes(new Date(naive - 86_400_000), tz), offsetMinutes(new Date(naive), tz), offsetMinutes(new Date(naive + 86_400_000), tz)]);
  const exact = [...offsets].map((o) => naive - o * 60_000).filter((t) => sameWall(wallTime(new Date(t), tz), w)).sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // In a gap: the wall time is skipped; use the offset from before the gap, which lands after it.
  const before = offsetMinutes(new Date(naive - 86_400_000), tz);
  return new Date(naive - before * 60_000);
}

const sameWall = (a: WallTime, b: WallTime) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/** The same wall-clock time `days` calendar days earlier (or later, for negative days) in the zone. */
export function minusCalendarDays(instant: Date, days: number, tz: string): Date {
  const w = wallTime(instant, tz);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day - days));
  return zonedToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: w.hour, minute: w.minute }, tz);
}

/** "HH:MM" -> minutes after midnight. */
export const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: Date, tz: string): string {
  const w = wallTime(instant, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
