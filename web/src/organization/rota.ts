export interface Shift {
  id: string;
  userId: string;
  name: string;
  startsAt: string;
  endsAt: string;
}

/** The calendar day of an instant in a zone, YYYY-MM-DD: a label to compare, never used for arithmetic. */
export const dayLabel = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

export const overlaps = (a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }) =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

export interface RotaDay {
  day: string;
  /** Any instant inside the day, for formatting its name. */
  at: number;
  shifts: Shift[];
  /** Shifts of different people that overlap in time on this day. */
  conflicts: Array<[Shift, Shift]>;
}

/** The coming `days` days (from today, in `timeZone`), each with the shifts that touch it and their overlaps. */
export function rotaDays(shifts: Shift[], timeZone: string, days: number, now = Date.now()): RotaDay[] {
  const out: RotaDay[] = [];
  const seen = new Set<string>();
  // Step in 12-hour increments so a DST change never skips or repeats a day label.
  for (let at = now; out.length < days; at += 12 * 3_600_000) {
    const day = dayLabel(at, timeZone);
    if (seen.has(day)) continue;
    seen.add(day);
    const touching = shifts.filter((s) => dayLabel(Date.parse(s.startsAt), timeZone) <= day && day <= dayLabel(Date.parse(s.endsAt) - 1, timeZone));
    const conflicts: Array<[Shift, Shift]> = [];
    touching.forEach((a, i) => touching.slice(i + 1).forEach((b) => a.userId !== b.userId && overlaps(a, b) && conflicts.push([a, b])));
    out.push({ day, at, shifts: touching, conflicts });
  }
  return out;
}
