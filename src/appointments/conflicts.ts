import type { Conflict } from '../contracts/appointments.ts';
import { localDate } from '../platform/time.ts';

export interface Slot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  siteId: string | null;
  kind: string;
  status: string;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Conflicts in one patient's schedule: appointments that overlap, and in-person appointments at two
 * sites on the same day (in the patient's zone) with less time between them than the travel time the
 * navigator recorded for that pair of sites. Both sides of a pair carry the flag.
 */
export function findConflicts(slots: Slot[], travelMinutes: Map<string, number>, timezone: string): Map<string, Conflict[]> {
  const live = slots.filter((s) => s.status !== 'cancelled').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const out = new Map<string, Conflict[]>(live.map((s) => [s.id, []]));
  const flag = (a: Slot, b: Slot, c: Omit<Conflict, 'appointmentId' | 'withAppointmentId'>) => {
    out.get(a.id)?.push({ ...c, appointmentId: a.id, withAppointmentId: b.id });
    out.get(b.id)?.push({ ...c, appointmentId: b.id, withAppointmentId: a.id });
  };
  for (let i = 0; i < live.length; i++) {
    const a = live[i]!;
    for (let j = i + 1; j < live.length; j++) {
      const b = live[j]!;
      if (b.startsAt.getTime() >= a.endsAt.getTime() + 24 * 3600_000) break;
      if (b.startsAt < a.endsAt && a.startsAt < b.endsAt) {
        flag(a, b, { kind: 'overlap' });
        continue;
      }
      if (a.kind !== 'in_person' || b.kind !== 'in_person' || !a.siteId || !b.siteId || a.siteId === b.siteId) continue;
      if (localDate(a.startsAt, timezone) !== localDate(b.startsAt, timezone)) continue;
      const travel = travelMinutes.get(pairKey(a.siteId, b.siteId));
      if (travel === undefined) continue;
      const gap = Math.floor((b.startsAt.getTime() - a.endsAt.getTime()) / 60_000);
      if (gap < travel) flag(a, b, { kind: 'travel', travelMinutes: travel, gapMinutes: gap });
    }
  }
  return out;
}
