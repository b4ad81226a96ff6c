import { and, gt, inArray } from 'drizzle-orm';
import type { AlertSeverity, AlertSource, AlertStatus } from '../contracts/alerts.ts';
import type { Deps } from '../platform/context.ts';
import { alerts } from './tables.ts';
import { median } from '../platform/stats.ts';

export interface MeasuredAlert {
  severity: AlertSeverity;
  source: AlertSource;
  status: AlertStatus;
  createdAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolutionAction: string | null;
}

/**
 * CLINICAL.md's alert-burden measures over the alerts raised in a window (decision 0205):
 * - alerts per 100 check-ins: alerts raised from check-ins / check-ins submitted x 100;
 * - share acknowledged in time: acknowledged at or before the ladder's deadline / alerts that were
 *   acknowledged or whose deadline has passed (an alert still inside its deadline is not yet judged);
 * - median time to action: raise to documented resolution, in minutes, over resolved alerts;
 * - share resolved as "no action needed": of resolved alerts.
 * Suppressed alerts (raised for a snoozed symptom, never shown) are left out of all four and counted apart.
 */
export function alertBurden(rows: MeasuredAlert[], checkins: number, now: Date) {
  const raised = rows.filter((r) => r.status !== 'suppressed');
  const judged = raised.filter((r) => r.acknowledgedAt || r.dueAt.getTime() <= now.getTime());
  const resolved = raised.filter((r) => r.resolvedAt && r.resolutionAction);
  const fromCheckins = raised.filter((r) => r.source === 'checkin').length;
  return {
    alerts: raised.length,
    suppressed: rows.length - raised.length,
    alertsPer100Checkins: checkins ? (fromCheckins / checkins) * 100 : null,
    ackInTimeShare: judged.length ? judged.filter((r) => r.acknowledgedAt && r.acknowledgedAt.getTime() <= r.dueAt.getTime()).length / judged.length : null,
    medianMinutesToAction: median(resolved.map((r) => (r.resolvedAt!.getTime() - r.createdAt.getTime()) / 60_000)),
    noActionShare: resolved.length ? resolved.filter((r) => r.resolutionAction === 'no_action_needed').length / resolved.length : null,
    bySeverity: Object.fromEntries((['urgent', 'high', 'moderate'] as const).map((s) => [s, raised.filter((r) => r.severity === s).length])) as Record<AlertSeverity, number>,
  };
}

/** Alert rows of some patients raised since a time. */
export async function alertsSince(deps: Deps, patientIds: string[], since: Date): Promise<MeasuredAlert[]> {
  if (!patientIds.length) return [];
  return deps.db.select().from(alerts).where(and(inArray(alerts.patientId, patientIds), gt(alerts.createdAt, since)));
}
