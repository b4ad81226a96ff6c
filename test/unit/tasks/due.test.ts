import { describe, expect, it } from 'vitest';
import { closeOfWorkingDaysBefore, lastOpenInstant } from '../../../src/platform/time.ts';
import { dueFrom } from '../../../src/tasks/due.ts';

// The demo organization: Madrid, Monday to Friday 08:00-18:00.
const WH = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const TZ = 'Europe/Madrid';
const at = (iso: string) => new Date(iso).getTime();

describe('task due dates in the organization\'s working time', () => {
  it('14 days from a Tuesday morning is the Tuesday two weeks later, same wall time', () => {
    expect(dueFrom(at('2026-11-24T09:00:00Z'), { amount: 14, unit: 'days' }, WH, TZ).toISOString()).toBe('2026-12-08T09:00:00.000Z');
  });

  it('14 days landing on a Saturday fall back to the Friday close: never later than promised', () => {
    expect(dueFrom(at('2026-11-28T11:00:00Z'), { amount: 14, unit: 'days' }, WH, TZ).toISOString()).toBe('2026-12-11T17:00:00.000Z');
  });

  it('across the spring DST change the Friday close is 18:00 CEST (16:00 UTC)', () => {
    expect(dueFrom(at('2026-03-21T11:00:00Z'), { amount: 14, unit: 'days' }, WH, TZ).toISOString()).toBe('2026-04-03T16:00:00.000Z');
  });

  it('one working day from Friday 17:00 is Monday 17:00 (one hour Friday, nine Monday)', () => {
    expect(dueFrom(at('2026-11-27T16:00:00Z'), { amount: 1, unit: 'working_days' }, WH, TZ).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('five working days from Tuesday 10:00 is the next Tuesday 10:00', () => {
    expect(dueFrom(at('2026-11-24T09:00:00Z'), { amount: 5, unit: 'working_days' }, WH, TZ).toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('working days before a visit: the close of the n-th working day before, skipping the weekend', () => {
    expect(closeOfWorkingDaysBefore(at('2026-12-03T09:00:00Z'), 3, WH, TZ).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(closeOfWorkingDaysBefore(at('2026-12-07T09:00:00Z'), 2, WH, TZ).toISOString()).toBe('2026-12-03T17:00:00.000Z');
  });

  it('the last working instant of a Sunday is Friday 18:00; inside hours it is the instant itself', () => {
    expect(lastOpenInstant(at('2026-11-29T12:00:00Z'), WH, TZ).toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(lastOpenInstant(at('2026-11-26T12:00:00Z'), WH, TZ).toISOString()).toBe('2026-11-26T12:00:00.000Z');
    expect(lastOpenInstant(at('2026-11-26T06:00:00Z'), WH, TZ).toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });
});
