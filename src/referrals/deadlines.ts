import type { ReferralType } from '../contracts/referrals.ts';
import { addWorkingDays, type WorkingHours } from '../platform/time.ts';

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

/** The instants of the reminders: `n` working days before the deadline, counted the same way backwards. */
export function reminderTimes(sentAt: Date, workingDays: number, reminderDays: readonly number[], wh: WorkingHours, timeZone: string): Array<{ daysBefore: number; at: Date }> {
  return [...new Set(reminderDays)]
    .filter((n) => n > 0 && n < workingDays)
    .map((n) => ({ daysBefore: n, at: addWorkingDays(sentAt, workingDays - n, wh, timeZone) }));
}
