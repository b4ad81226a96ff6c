import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../src/platform/time.ts';
import { DEFAULT_DEADLINES, reminderTimes } from '../../../src/referrals/deadlines.ts';

const wh = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const tz = 'Europe/Madrid';

describe('response deadlines in working days (organization hours and time zone)', () => {
  it('defaults: 10 working days for expert review, 5 for palliative care', () => {
    expect(DEFAULT_DEADLINES.second_opinion.workingDays).toBe(10);
    expect(DEFAULT_DEADLINES.case_review.workingDays).toBe(10);
    expect(DEFAULT_DEADLINES.palliative_care.workingDays).toBe(5);
  });

  it('Tuesday 11:00 Madrid + 10 working days = Tuesday two weeks later, 11:00', () => {
    // 2025-03-04 is a Tuesday; Madrid is UTC+1 in early March.
    expect(addWorkingDays(new Date('2025-03-04T10:00:00Z'), 10, wh, tz).toISOString()).toBe('2025-03-18T10:00:00.000Z');
  });

  it('sent on Friday evening: the clock starts Monday 08:00 and ends at the close of the 10th working day', () => {
    // Friday 2025-03-07 19:30 Madrid -> Monday 10 March 08:00 start -> +10 working days = Friday 21 March 18:00 (17:00Z).
    expect(addWorkingDays(new Date('2025-03-07T18:30:00Z'), 10, wh, tz).toISOString()).toBe('2025-03-21T17:00:00.000Z');
  });

  it('sent on Saturday or before opening counts from the next opening (decision 0203: the same day, at closing)', () => {
    expect(addWorkingDays(new Date('2025-03-08T12:00:00Z'), 1, wh, tz).toISOString()).toBe('2025-03-10T17:00:00.000Z');
    expect(addWorkingDays(new Date('2025-03-04T05:00:00Z'), 1, wh, tz).toISOString()).toBe('2025-03-04T17:00:00.000Z');
  });

  it('keeps the local time across the spring DST change (Madrid, 30 March 2025)', () => {
    // Thursday 27 March 11:00 (UTC+1) + 3 working days = Tuesday 1 April 11:00 (UTC+2).
    expect(addWorkingDays(new Date('2025-03-27T10:00:00Z'), 3, wh, tz).toISOString()).toBe('2025-04-01T09:00:00.000Z');
  });

  it('reminders 5 and 1 working days before the deadline', () => {
    const r = reminderTimes(new Date('2025-03-04T10:00:00Z'), 10, [5, 1], wh, tz);
    expect(r.map((x) => [x.daysBefore, x.at.toISOString()])).toEqual([
      [5, '2025-03-11T10:00:00.000Z'],
      [1, '2025-03-17T10:00:00.000Z'],
    ]);
  });
});
