import { describe, expect, test } from 'vitest';
import { findConflicts, pairKey } from '../../../src/appointments/conflicts.ts';
import { calendar, escapeText, foldLine } from '../../../src/appointments/ics.ts';

describe('RFC 5545 writer', () => {
  test('CRLF everywhere, UTC times, escaped text, cancelled status', () => {
    const ics = calendar([
      { uid: 'a@x', sequence: 2, stamp: new Date('2026-01-01T00:00:00Z'), start: new Date('2026-03-29T08:00:00Z'), end: new Date('2026-03-29T09:00:00Z'), summary: 'Visit; room 3, floor 2', location: 'Northgate\\Centre', cancelled: true },
    ]);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
    expect(ics).toContain('\r\nDTSTART:20260329T080000Z\r\n');
    expect(ics).toContain('\r\nSUMMARY:Visit\\; room 3\\, floor 2\r\n');
    expect(ics).toContain('\r\nLOCATION:Northgate\\\\Centre\r\n');
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics).toContain('\r\nSEQUENCE:2\r\n');
    expect(escapeText('a\nb')).toBe('a\\nb');
  });

  test('lines fold at 75 octets and never split a UTF-8 character', () => {
    const line = `DESCRIPTION:${'موعد في المركز المرجعي '.repeat(8)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    // Unfolding (remove CRLF + one space) gives back the line exactly.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });
});

describe('conflict flags', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 10, h, m));
  const slot = (id: string, from: Date, to: Date, siteId: string | null, kind = 'in_person', status = 'scheduled') => ({ id, startsAt: from, endsAt: to, siteId, kind, status });

  test('overlap flags both sides; touching appointments do not overlap; cancelled ones are ignored', () => {
    const c = findConflicts(
      [slot('a', at(8), at(9), 's1'), slot('b', at(8, 30), at(9, 30), 's1'), slot('c', at(9, 30), at(10), 's1'), slot('d', at(8), at(12), 's1', 'in_person', 'cancelled')],
      new Map(),
      'Europe/Madrid',
    );
    expect(c.get('a')).toEqual([{ kind: 'overlap', appointmentId: 'a', withAppointmentId: 'b' }]);
    expect(c.get('b')?.map((x) => x.withAppointmentId)).toEqual(['a']);
    expect(c.get('c')).toEqual([]);
    expect(c.has('d')).toBe(false);
  });

  test('two sites on the same day with less time between them than the recorded travel time', () => {
    const travel = new Map([[pairKey('s1', 's2'), 90]]);
    const tight = findConflicts([slot('a', at(8), at(9), 's1'), slot('b', at(10), at(11), 's2')], travel, 'Europe/Madrid');
    expect(tight.get('b')).toEqual([{ kind: 'travel', appointmentId: 'b', withAppointmentId: 'a', travelMinutes: 90, gapMinutes: 60 }]);
    const enough = findConflicts([slot('a', at(8), at(9), 's1'), slot('b', at(10, 30), at(11), 's2')], travel, 'Europe/Madrid');
    expect(enough.get('b')).toEqual([]);
    // A video call needs no travel; an unknown pair of sites is not guessed.
    expect(findConflicts([slot('a', at(8), at(9), 's1'), slot('b', at(9), at(10), null, 'video')], travel, 'Europe/Madrid').get('b')).toEqual([]);
    expect(findConflicts([slot('a', at(8), at(9), 's1'), slot('b', at(9), at(10), 's3')], travel, 'Europe/Madrid').get('b')).toEqual([]);
  });

  test('"same day" is the patient’s day: 23:00 and 01:00 Madrid time are different days', () => {
    const travel = new Map([[pairKey('s1', 's2'), 180]]);
    const c = findConflicts([slot('a', at(20), at(21), 's1'), slot('b', at(23), at(23, 30), 's2')], travel, 'Europe/Madrid');
    expect(c.get('b')).toEqual([]); // 22:00-23:00 and 01:00-01:30 local
  });
});
