import { describe, expect, test } from 'vitest';
import { planReminders, reminderJobId } from '../../../src/appointments/reminder-plan.ts';
import { quietWindowAround } from '../../../src/platform/time.ts';
import { addCalendarDays, offsetMinutes, zonedToInstant } from '../../../src/platform/time.ts';

const NO_QUIET = { quietStart: '00:00', quietEnd: '00:00' };
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const DEFAULT = [4320, 1440, 120];
const iso = (d: Date) => d.toISOString();
const plan = (startsAt: string, timezone: string, extra: Partial<Parameters<typeof planReminders>[0]> = {}) =>
  planReminders({ startsAt: new Date(startsAt), offsetsMinutes: DEFAULT, timezone, now: LONG_AGO, ...NO_QUIET, ...extra });
const byOffset = (rs: ReturnType<typeof planReminders>) => Object.fromEntries(rs.map((r) => [r.offsetMinutes, iso(r.dueAt)]));

describe('wall-clock arithmetic in IANA zones', () => {
  test('offsets on both sides of a change', () => {
    expect(offsetMinutes(new Date('2026-03-28T12:00:00Z'), 'Europe/Madrid')).toBe(60);
    expect(offsetMinutes(new Date('2026-03-29T12:00:00Z'), 'Europe/Madrid')).toBe(120);
    expect(offsetMinutes(new Date('2026-04-04T12:00:00Z'), 'Australia/Sydney')).toBe(660);
    expect(offsetMinutes(new Date('2026-04-05T12:00:00Z'), 'Australia/Sydney')).toBe(600);
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  test('a wall time skipped by spring-forward moves forward by the gap', () => {
    // Madrid, 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Madrid'))).toBe('2026-03-29T01:30:00.000Z');
    // New York, 8 March 2026: 02:30 does not exist.
    expect(iso(zonedToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  test('a wall time repeated by fall-back resolves to the earlier instant', () => {
    // New York, 1 November 2026: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // Sydney, 5 April 2026: 02:30 happens at 15:30Z (AEDT, 4 April) and again at 16:30Z (AEST).
    expect(iso(zonedToInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
  });

  test('calendar days back keep the wall-clock time across a change', () => {
    expect(iso(addCalendarDays(new Date('2026-03-29T08:00:00Z'), -1, 'Europe/Madrid'))).toBe('2026-03-28T09:00:00.000Z');
  });
});

describe('reminder due times across daylight-saving changes', () => {
  test('Europe/Madrid, spring forward: the day before has 23 hours, the reminder keeps 10:00', () => {
    // Sunday 29 March 2026 10:00 CEST = 08:00Z.
    expect(byOffset(plan('2026-03-29T08:00:00Z', 'Europe/Madrid'))).toEqual({
      4320: '2026-03-26T09:00:00.000Z', // Thu 10:00 CET
      1440: '2026-03-28T09:00:00.000Z', // Sat 10:00 CET: 23 h before
      120: '2026-03-29T06:00:00.000Z', // 08:00 CEST: elapsed 2 h
    });
  });

  test('Europe/Madrid, fall back: the reminder a day before is 25 hours before', () => {
    // Sunday 25 October 2026 10:00 CET = 09:00Z; Saturday 10:00 CEST = 08:00Z.
    expect(byOffset(plan('2026-10-25T09:00:00Z', 'Europe/Madrid'))[1440]).toBe('2026-10-24T08:00:00.000Z');
  });

  test('America/New_York, fall back and spring forward', () => {
    // Sunday 1 November 2026 09:00 EST = 14:00Z; Saturday 09:00 EDT = 13:00Z.
    expect(byOffset(plan('2026-11-01T14:00:00Z', 'America/New_York'))).toEqual({
      4320: '2026-10-29T13:00:00.000Z',
      1440: '2026-10-31T13:00:00.000Z',
      120: '2026-11-01T12:00:00.000Z', // 07:00 EST
    });
    // Monday 9 March 2026 09:00 EDT = 13:00Z: 72 h back crosses the 8 March change -> Fri 09:00 EST = 14:00Z.
    expect(byOffset(plan('2026-03-09T13:00:00Z', 'America/New_York'))[4320]).toBe('2026-03-06T14:00:00.000Z');
  });

  test('Australia/Sydney, southern-hemisphere changes', () => {
    // Monday 6 April 2026 11:00 AEST = 01:00Z; Friday 3 April 11:00 AEDT = 00:00Z (73 h before).
    expect(byOffset(plan('2026-04-06T01:00:00Z', 'Australia/Sydney'))[4320]).toBe('2026-04-03T00:00:00.000Z');
    // Sunday 4 October 2026 10:00 AEDT = 23:00Z on 3 Oct; Saturday 10:00 AEST = 00:00Z on 3 Oct (23 h before).
    expect(byOffset(plan('2026-10-03T23:00:00Z', 'Australia/Sydney'))[1440]).toBe('2026-10-03T00:00:00.000Z');
  });

  test('a day-before time that falls in the spring-forward gap moves past it', () => {
    // Monday 30 March 2026 02:30 CEST = 00:30Z; Sunday 02:30 does not exist -> 03:30 CEST = 01:30Z.
    expect(byOffset(plan('2026-03-30T00:30:00Z', 'Europe/Madrid'))[1440]).toBe('2026-03-29T01:30:00.000Z');
  });

  test('a zone without DST and a half-hour offset: whole days are 24 h', () => {
    expect(byOffset(plan('2026-03-29T04:30:00Z', 'Asia/Kolkata'))[1440]).toBe('2026-03-28T04:30:00.000Z');
  });

  test('the recipient’s zone decides the wall clock, not the server’s', () => {
    // 9 March 2026 04:30Z is 00:30 EDT in New York (clocks went forward on 8 March) and 05:30 CET in Madrid.
    const ny = byOffset(plan('2026-03-09T04:30:00Z', 'America/New_York'))[1440];
    const madrid = byOffset(plan('2026-03-09T04:30:00Z', 'Europe/Madrid'))[1440];
    expect(ny).toBe('2026-03-08T05:30:00.000Z'); // Sun 00:30 EST: 23 h before
    expect(madrid).toBe('2026-03-08T04:30:00.000Z'); // Sun 05:30 CET: 24 h before
  });
});

describe('quiet hours (21:00-08:00 on the recipient’s clock)', () => {
  const QUIET = { quietStart: '21:00', quietEnd: '08:00' };

  test('held back to the end of quiet hours when half the offset still remains', () => {
    // Wednesday 10 June 2026 09:00 CEST = 07:00Z: the 2 h reminder (07:00 CEST) waits until 08:00 CEST.
    const r = plan('2026-06-10T07:00:00Z', 'Europe/Madrid', QUIET).find((x) => x.offsetMinutes === 120)!;
    expect([iso(r.dueAt), r.quiet]).toEqual(['2026-06-10T06:00:00.000Z', 'held']);
    // 72 h before a 23:00 appointment -> 08:00 the next morning, still > 36 h before.
    const late = plan('2026-06-10T21:00:00Z', 'Europe/Madrid', QUIET).find((x) => x.offsetMinutes === 4320)!;
    expect([iso(late.dueAt), late.quiet]).toEqual(['2026-06-08T06:00:00.000Z', 'held']);
  });

  test('brought forward to before quiet hours when holding would leave too little time', () => {
    // 07:30 CEST start: the 2 h reminder (05:30) cannot wait until 08:00 -> 20:45 the evening before.
    const r = plan('2026-06-10T05:30:00Z', 'Europe/Madrid', QUIET).find((x) => x.offsetMinutes === 120)!;
    expect([iso(r.dueAt), r.quiet]).toEqual(['2026-06-09T18:45:00.000Z', 'advanced']);
  });

  test('kept at its time when the evening before has already passed (booked during the night)', () => {
    const r = plan('2026-06-10T05:30:00Z', 'Europe/Madrid', { ...QUIET, now: new Date('2026-06-09T23:00:00Z') }).find((x) => x.offsetMinutes === 120)!;
    expect([iso(r.dueAt), r.quiet]).toEqual(['2026-06-10T03:30:00.000Z', 'kept']);
  });

  test('quiet window over midnight, and across the DST night', () => {
    const w = quietWindowAround(new Date('2026-03-29T00:30:00Z'), 'Europe/Madrid', '21:00', '08:00')!;
    expect([iso(w.start), iso(w.end)]).toEqual(['2026-03-28T20:00:00.000Z', '2026-03-29T06:00:00.000Z']);
    expect(quietWindowAround(new Date('2026-03-29T12:00:00Z'), 'Europe/Madrid', '21:00', '08:00')).toBeNull();
  });

  test('reminders already due when planned are left out; offsets come out largest first', () => {
    const rs = plan('2026-06-10T12:00:00Z', 'Europe/Madrid', { now: new Date('2026-06-09T13:00:00Z') });
    expect(rs.map((r) => r.offsetMinutes)).toEqual([120]);
  });
});

test('job ids are deterministic and BullMQ-safe (no colon)', () => {
  const id = reminderJobId('8d8f7c1e-0000-4000-8000-000000000001', 1440, '8d8f7c1e-0000-4000-8000-000000000002', 3);
  expect(id).toBe('reminder-8d8f7c1e-0000-4000-8000-000000000001-1440m-8d8f7c1e-0000-4000-8000-000000000002-v3');
  expect(id).not.toContain(':');
});
