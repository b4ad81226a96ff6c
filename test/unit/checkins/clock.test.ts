import { describe, expect, it } from 'vitest';
import { addDuration, addWorkingTime } from '../../../src/alerts/clock.ts';

const WH = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const TZ = 'Europe/Madrid';

describe('working time (organization hours and time zone)', () => {
  it('4 working hours from Monday 10:00 Madrid is Monday 14:00', () => {
    const from = Date.parse('2026-11-23T09:00:00Z'); // Monday 10:00 CET
    expect(new Date(addWorkingTime(from, 4 * 3_600_000, WH, TZ)).toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });
  it('4 working hours from Friday 16:00 carries over the weekend to Monday 10:00', () => {
    const from = Date.parse('2026-11-27T15:00:00Z'); // Friday 16:00 CET
    expect(new Date(addWorkingTime(from, 4 * 3_600_000, WH, TZ)).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });
  it('an alert raised on Saturday night starts counting at Monday 08:00', () => {
    const from = Date.parse('2026-11-28T22:00:00Z');
    expect(new Date(addWorkingTime(from, 3_600_000, WH, TZ)).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
  it('2 working days from Tuesday 12:00 is Thursday 12:00', () => {
    const from = Date.parse('2026-11-24T11:00:00Z');
    expect(new Date(addDuration(from, { amount: 2, unit: 'working_days' }, WH, TZ)).toISOString()).toBe('2026-11-26T11:00:00.000Z');
  });
  it('crosses the spring DST change in local time', () => {
    const from = Date.parse('2026-03-27T16:00:00Z'); // Friday 17:00 CET; Monday 30 March is CEST
    expect(new Date(addWorkingTime(from, 2 * 3_600_000, WH, TZ)).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
  it('urgent deadlines are wall-clock minutes; test configs use seconds', () => {
    expect(addDuration(0, { amount: 15, unit: 'minutes' }, WH, TZ)).toBe(900_000);
    expect(addDuration(0, { amount: 2, unit: 'seconds' }, WH, TZ)).toBe(2000);
  });
});
