import type { Deps } from '../platform/context.ts';
import { alerts } from './tables.ts';
import { and, gt, inArray } from 'drizzle-orm';

/** Alert rows of some patients since a time, with the time of the first human action (ack or resolve). */
export async function alertMeasures(deps: Deps, patientIds: string[], since: Date) {
  if (!patientIds.length) return { rows: [] };
  const rows = await deps.db.select().from(alerts).where(and(inArray(alerts.patientId, patientIds), gt(alerts.createdAt, since)));
  return {
    rows: rows.map((r) => {
      const times = [r.acknowledgedAt, r.resolvedAt].filter((x): x is Date => Boolean(x));
      return { ...r, firstActionAt: times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null };
    }),
  };
}
