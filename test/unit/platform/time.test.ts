import { describe, expect, it } from 'vitest';
import {
  addCalendarDays, addDuration, addWorkingDays, addWorkingTime, calendarWeeksBetween, formatOpening, isOpen, isWorkingDate, localDate, nextOpening, offsetMinutes, wallTime, zonedToInstant,
} from '../../../src/platform/time.ts';

const WH = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const TZ = 'Europe/Madrid';
const iso = (d: Date) => d.toISOString();

describe('zoned wall times', () => {
  it('offsets follow the tz database (Madrid, Sydney, Kolkata)', () => {
    expect(offsetMinutes(new Date('2026-03-28T12:00:00Z'), TZ)).toBe(60);
    expect(offsetMinutes(new Date('2026-03-29T12:00:00Z'), TZ)).toBe(120);
    expect(offsetMinutes(new Date('2026-04-05T12:00:00Z'), 'Australia/Sydney')).toBe(600);
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
  it('a wall time in the spring gap moves forward; one in the autumn overlap takes the earlier instant', () => {
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, TZ))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });
  it('reads the wall time, weekday and local date of an instant', () => {
    expect(wallTime(new Date('2026-11-28T23:30:00Z'), TZ)).toMatchObject({ year: 2026, month: 11, day: 29, hour: 0, minute: 30, weekday: 7 });
    expect(localDate(new Date('2026-11-28T23:30:00Z'), TZ)).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-28T23:30:00Z'), 'America/New_York')).toBe('2026-11-28');
  });
  it('calendar days keep the wall-clock time across DST (the day before a 10:00 CEST appointment is 10:00 CET)', () => {
    expect(iso(addCalendarDays(new Date('2026-03-29T08:00:00Z'), -1, TZ))).toBe('2026-03-28T09:00:00.000Z');
  });
});

describe('working hours and days (organization hours, holidays, time zone)', () => {
  it('"2 working days from Saturday" ends Tuesday 18:00, whatever unit asks for it (the two old calculators disagreed)', () => {
    // Saturday 28 November 2026, 12:00 Madrid. The old referral calculator said Wednesday 08:00.
    const saturday = new Date('2026-11-28T11:00:00Z');
    const tuesdayClose = '2026-12-01T17:00:00.000Z';
    expect(iso(addWorkingDays(saturday, 2, WH, TZ))).toBe(tuesdayClose);
    expect(iso(addDuration(saturday, { amount: 2, unit: 'working_days' }, WH, TZ))).toBe(tuesdayClose);
    expect(iso(addDuration(saturday, { amount: 20, unit: 'working_hours' }, WH, TZ))).toBe(tuesdayClose);
  });
  it('4 working hours from Friday 16:00 carry over the weekend to Monday 10:00', () => {
    expect(iso(addWorkingTime(new Date('2026-11-27T15:00:00Z'), 4 * 3_600_000, WH, TZ))).toBe('2026-11-30T09:00:00.000Z');
  });
  it('2 working days from Tuesday 12:00 is Thursday 12:00; 10 from Tuesday 11:00 is Tuesday two weeks later', () => {
    expect(iso(addWorkingDays(new Date('2026-11-24T11:00:00Z'), 2, WH, TZ))).toBe('2026-11-26T11:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2025-03-04T10:00:00Z'), 10, WH, TZ))).toBe('2025-03-18T10:00:00.000Z');
  });
  it('holidays of the organization are not working days', () => {
    const withHoliday = { ...WH, holidays: ['2026-12-08'] }; // Tuesday 8 December, Inmaculada Concepción
    expect(isWorkingDate('2026-12-08', withHoliday)).toBe(false);
    expect(isWorkingDate('2026-12-08', WH)).toBe(true);
    // Monday 7 December 12:00 + 1 working day: Wednesday 9 December 12:00, skipping the holiday.
    expect(iso(addWorkingDays(new Date('2026-12-07T11:00:00Z'), 1, withHoliday, TZ))).toBe('2026-12-09T11:00:00.000Z');
    expect(isOpen(new Date('2026-12-08T11:00:00Z'), withHoliday, TZ)).toBe(false);
    expect(iso(nextOpening(new Date('2026-12-07T18:00:00Z'), withHoliday, TZ)!)).toBe('2026-12-09T07:00:00.000Z');
  });
  it('keeps local hours across the spring DST change (Madrid, 29 March 2026)', () => {
    // Friday 17:00 CET + 2 working hours = Monday 09:00 CEST.
    expect(iso(addWorkingTime(new Date('2026-03-27T16:00:00Z'), 2 * 3_600_000, WH, TZ))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2025-03-27T10:00:00Z'), 3, WH, TZ))).toBe('2025-04-01T09:00:00.000Z');
  });
  it('plain units are elapsed time; without working hours working units are elapsed too', () => {
    expect(addDuration(0, { amount: 15, unit: 'minutes' }, WH, TZ).getTime()).toBe(900_000);
    expect(addDuration(0, { amount: 2, unit: 'seconds' }, WH, TZ).getTime()).toBe(2000);
    expect(addDuration(0, { amount: 1, unit: 'working_hours' }, { days: [], start: '00:00', end: '00:00' }, 'UTC').getTime()).toBe(3_600_000);
  });
  it('is open on a weekday afternoon, closed at closing time, at night and at weekends', () => {
    expect(isOpen(new Date('2026-11-23T13:00:00Z'), WH, TZ)).toBe(true);
    expect(isOpen(new Date('2026-11-23T06:59:00Z'), WH, TZ)).toBe(false);
    expect(isOpen(new Date('2026-11-23T17:00:00Z'), WH, TZ)).toBe(false);
    expect(isOpen(new Date('2026-11-28T12:00:00Z'), WH, TZ)).toBe(false);
  });
  it('an organization open until "24:00" is open in its last hour, and round the clock with "00:00"-"24:00"', () => {
    const allDay = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    // Monday 30 November 23:30 in Madrid, and midnight itself.
    expect(isOpen(new Date('2026-11-30T22:30:00Z'), allDay, TZ)).toBe(true);
    expect(isOpen(new Date('2026-11-30T23:00:00Z'), allDay, TZ)).toBe(true);
    expect(isOpen(new Date('2026-11-30T22:30:00Z'), { ...WH, end: '24:00' }, TZ)).toBe(true);
    expect(iso(nextOpening(new Date('2026-11-30T22:30:00Z'), allDay, TZ)!)).toBe('2026-11-30T22:30:00.000Z');
  });
  it('finds the next opening across a weekend and a DST change; never when there are no days', () => {
    expect(iso(nextOpening(new Date('2026-11-27T20:00:00Z'), WH, TZ)!)).toBe('2026-11-30T07:00:00.000Z');
    expect(iso(nextOpening(new Date('2026-03-28T12:00:00Z'), WH, TZ)!)).toBe('2026-03-30T06:00:00.000Z');
    expect(nextOpening(new Date(), { days: [], start: '08:00', end: '18:00' }, TZ)).toBeNull();
  });
  it('says when in the reader language', () => {
    const at = new Date('2026-11-30T07:00:00Z');
    expect(formatOpening(at, TZ, 'en')).toBe('Monday 08:00');
    expect(formatOpening(at, TZ, 'es')).toBe('lunes, 08:00');
    expect(formatOpening(at, TZ, 'ar')).toMatch(/الاثنين/);
  });
});

describe('calendar weeks in the zone (biweekly schedules)', () => {
  it('counts weeks on the local calendar across the autumn DST change, where elapsed 7-day blocks slip', () => {
    const tz = 'America/New_York';
    // Saved Monday 19 October 2026 at 09:00:30 EDT; the schedule fires Mondays at 09:00 local.
    const saved = new Date('2026-10-19T13:00:30Z');
    const fires = ['2026-10-19T13:00:00Z', '2026-10-26T13:00:00Z', '2026-11-02T14:00:00Z', '2026-11-09T14:00:00Z', '2026-11-16T14:00:00Z'].map((s) => new Date(s));
    expect(fires.map((f) => calendarWeeksBetween(saved, f, tz))).toEqual([0, 1, 2, 3, 4]);
    // The old count (elapsed ms / 7 days from the save) gives -1, 0, 2, 3, 4: the off-week rule
    // (odd weeks skipped) then fired on 19 October, 26 October and 2 November, three weeks running.
    const old = fires.map((f) => Math.floor((f.getTime() - saved.getTime()) / (7 * 86_400_000)));
    expect(old).toEqual([-1, 0, 2, 3, 4]);
  });
  it('a week starts on Monday on the zone calendar, not in UTC', () => {
    // Sunday 23:30 in Madrid is still the same ISO week as the Monday before; 00:30 Monday is the next.
    expect(calendarWeeksBetween(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-29T22:30:00Z'), TZ)).toBe(0);
    expect(calendarWeeksBetween(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-29T23:30:00Z'), TZ)).toBe(1);
  });
});
