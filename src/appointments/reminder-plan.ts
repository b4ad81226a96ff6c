import { addCalendarDays, quietWindowAround } from '../platform/time.ts';

export const DEFAULT_OFFSETS_MINUTES = [72 * 60, 24 * 60, 2 * 60];
export const DEFAULT_QUIET = { start: '21:00', end: '08:00' };

export interface PlannedReminder {
  offsetMinutes: number;
  /** When the offset names: whole days keep the wall-clock time (see docs/decisions/0301). */
  nominalAt: Date;
  /** When it is sent: the nominal time, or moved out of the recipient's quiet hours. */
  dueAt: Date;
  quiet: 'none' | 'held' | 'advanced' | 'kept';
}

/**
 * When each reminder of an appointment is due for one recipient.
 *
 * - An offset in whole days (72 h, 24 h) means "the same time of day, N days before" on the recipient's
 *   wall clock, so a 10:00 appointment is reminded at 10:00 the day before even when a DST change lies
 *   between (that day has 23 or 25 hours). Other offsets (2 h) are elapsed time.
 * - Quiet hours [quietStart, quietEnd) on the recipient's clock: a reminder falling inside is held back
 *   to the end of quiet hours when that still leaves at least half the offset before the start; else it
 *   is brought forward to 15 minutes before quiet hours begin, if that is still in the future; else it
 *   goes at its nominal time (the offset allows no better, e.g. a 2 h reminder before a 07:00 start
 *   that was booked during the night).
 * - Reminders already in the past when planned are left out.
 */
export function planReminders(input: {
  startsAt: Date;
  offsetsMinutes: number[];
  timezone: string;
  quietStart: string;
  quietEnd: string;
  now: Date;
}): PlannedReminder[] {
  const { startsAt, timezone: tz, now } = input;
  const out: PlannedReminder[] = [];
  for (const offset of [...new Set(input.offsetsMinutes)].sort((a, b) => b - a)) {
    const nominalAt = offset % 1440 === 0 ? addCalendarDays(startsAt, -offset / 1440, tz) : new Date(startsAt.getTime() - offset * 60_000);
    let dueAt = nominalAt;
    let quiet: PlannedReminder['quiet'] = 'none';
    const window = quietWindowAround(nominalAt, tz, input.quietStart, input.quietEnd);
    if (window) {
      const minLead = (offset * 60_000) / 2;
      const advanced = new Date(window.start.getTime() - 15 * 60_000);
      if (startsAt.getTime() - window.end.getTime() >= minLead) [dueAt, quiet] = [window.end, 'held'];
      else if (advanced.getTime() > now.getTime()) [dueAt, quiet] = [advanced, 'advanced'];
      else quiet = 'kept';
    }
    if (dueAt.getTime() <= now.getTime() || dueAt.getTime() >= startsAt.getTime()) continue;
    out.push({ offsetMinutes: offset, nominalAt, dueAt, quiet });
  }
  return out;
}

/** BullMQ job id of one reminder: BullMQ forbids ':' in custom ids, hence '-' (docs/decisions/0301). */
export const reminderJobId = (appointmentId: string, offsetMinutes: number, userId: string, version: number) =>
  `reminder-${appointmentId}-${offsetMinutes}m-${userId}-v${version}`;
