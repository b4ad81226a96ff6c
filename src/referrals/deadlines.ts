import type { ReferralType } from '../contracts/referrals.ts';
import type { WorkingHours } from '../people/tables.ts';

/**
 * Default response deadlines per referral type, in the organization's working days (an organization's
 * clinical lead can override them: referral_deadline_rules). Expert review (second opinion, case review,
 * specialist consultation) answers within 10 working days, the default; a palliative care
 * referral within 5, because early palliative care is time-sensitive (Hui et al., Lancet Oncol 2016;
 * Temel et al., NEJM 2010). Reminders go to the receiving site the given number of working days before
 * the deadline; when it passes, the navigator gets an alert.
 */
export const DEFAULT_DEADLINES: Readonly<Record<ReferralType, { workingDays: number; reminderDays: readonly number[] }>> = {
  second_opinion: { workingDays: 10, reminderDays: [5, 1] },
  specialist_consultation: { workingDays: 10, reminderDays: [5, 1] },
  case_review: { workingDays: 10, reminderDays: [5, 1] },
  palliative_care: { workingDays: 5, reminderDays: [2, 1] },
};

interface Wall {
  y: number;
  m: number;
  d: number;
  minutes: number;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  isoDay: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Wall-clock reading of an instant in a zone, and the zone's UTC offset then (from Intl's longOffset). */
function wall(at: Date, timeZone: string): Wall & { offsetMin: number } {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'longOffset',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const off = /GMT([+-])(\d{2}):?(\d{2})?/.exec(p.timeZoneName ?? '');
  const offsetMin = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3] ?? 0)) : 0;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), minutes: Number(p.hour) * 60 + Number(p.minute), isoDay: WEEKDAYS[p.weekday ?? ''] ?? 1, offsetMin };
}

/** The instant at which the zone's clocks read this date and time (a time in a DST gap moves forward). */
function instantOf(y: number, m: number, d: number, minutes: number, timeZone: string): Date {
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  let at = new Date(naive - wall(new Date(naive), timeZone).offsetMin * 60_000);
  const again = wall(at, timeZone).offsetMin;
  at = new Date(naive - again * 60_000);
  return at;
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function isWorkingDay(isoDay: number, wh: WorkingHours) {
  return wh.days.includes(isoDay) || (isoDay === 7 && wh.days.includes(0));
}

/** The calendar day after (y, m, d), with its ISO weekday. */
function nextDay(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  const js = t.getUTCDay();
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), isoDay: js === 0 ? 7 : js };
}

/**
 * `days` working days after `from`: the clock starts at `from` if that is inside working hours, else at
 * the next opening; the deadline is the same time of day on the `days`-th working day after that
 * (so 10 working days from Tuesday 11:00 is Tuesday two weeks later, 11:00, with no holidays).
 */
export function addWorkingDays(from: Date, days: number, wh: WorkingHours, timeZone: string): Date {
  const open = toMinutes(wh.start);
  const close = toMinutes(wh.end);
  if (wh.days.length === 0 || close <= open) return new Date(from.getTime() + days * 86_400_000);
  const now = wall(from, timeZone);
  let day = { y: now.y, m: now.m, d: now.d, isoDay: now.isoDay };
  let minutes = now.minutes;
  if (!isWorkingDay(day.isoDay, wh) || minutes >= close) {
    do day = nextDay(day.y, day.m, day.d);
    while (!isWorkingDay(day.isoDay, wh));
    minutes = open;
  } else if (minutes < open) minutes = open;
  for (let left = days; left > 0; ) {
    day = nextDay(day.y, day.m, day.d);
    if (isWorkingDay(day.isoDay, wh)) left--;
  }
  return instantOf(day.y, day.m, day.d, minutes, timeZone);
}

/** The instants of the reminders: `n` working days before the deadline, counted the same way backwards. */
export function reminderTimes(sentAt: Date, workingDays: number, reminderDays: readonly number[], wh: WorkingHours, timeZone: string): Array<{ daysBefore: number; at: Date }> {
  return [...new Set(reminderDays)]
    .filter((n) => n > 0 && n < workingDays)
    .map((n) => ({ daysBefore: n, at: addWorkingDays(sentAt, workingDays - n, wh, timeZone) }));
}
