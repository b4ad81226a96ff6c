import { describe, expect, it } from 'vitest';
import { formatOpening, isOpen, nextOpening } from '../../../src/messaging/hours.ts';

const hours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };
const tz = 'Europe/Madrid';

describe('working hours in the organization time zone', () => {
  it('is open on a weekday afternoon in Madrid and closed at night and at weekends', () => {
    expect(isOpen(hours, tz, new Date('2026-11-23T13:00:00Z'))).toBe(true); // Monday 14:00 CET
    expect(isOpen(hours, tz, new Date('2026-11-23T06:59:00Z'))).toBe(false); // Monday 07:59 CET
    expect(isOpen(hours, tz, new Date('2026-11-23T17:00:00Z'))).toBe(false); // Monday 18:00 CET: closed
    expect(isOpen(hours, tz, new Date('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
  });
  it('finds the next opening across a weekend and across a daylight-saving change', () => {
    expect(nextOpening(hours, tz, new Date('2026-11-27T20:00:00Z'))?.toISOString()).toBe('2026-11-30T07:00:00.000Z'); // Friday night -> Monday 08:00 CET
    expect(nextOpening(hours, tz, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-30T06:00:00.000Z'); // -> Monday 08:00 CEST
    expect(nextOpening({ days: [], start: '08:00', end: '18:00' }, tz, new Date())).toBeNull();
  });
  it('says when in the reader language', () => {
    const at = new Date('2026-11-30T07:00:00Z');
    expect(formatOpening(at, tz, 'en')).toBe('Monday 08:00');
    expect(formatOpening(at, tz, 'es')).toBe('lunes, 08:00');
    expect(formatOpening(at, tz, 'ar')).toMatch(/الاثنين/);
  });
});
