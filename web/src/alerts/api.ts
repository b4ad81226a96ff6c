import type { AlertView, ResolutionAction } from '../../../src/contracts/alerts.ts';
import { api } from '../api.ts';

export type { AlertView, ResolutionAction };
export { RESOLUTION_ACTIONS } from '../../../src/contracts/alerts.ts';

export interface AlertEvent {
  step: string;
  kind: string;
  actor: string;
  targetUser: string | null;
  at: string;
}

export const alertsApi = {
  acknowledge: (id: string) => api.post<{ alert: AlertView }>(`/api/alerts/${id}/acknowledge`),
  resolve: (id: string, body: { action: ResolutionAction; note?: string }) => api.post<{ alert: AlertView }>(`/api/alerts/${id}/resolve`, body),
  snooze: (id: string, body: { days: number; reason: string }) => api.post<{ alert: AlertView }>(`/api/alerts/${id}/snooze`, body),
  reassign: (id: string, userId: string) => api.post<{ alert: AlertView }>(`/api/alerts/${id}/reassign`, { userId }),
};

export const SEVERITY_RANK: Record<AlertView['severity'], number> = { urgent: 3, high: 2, moderate: 1 };

/** Queue order: most severe, then most overdue (earliest deadline), then oldest. */
export function queueOrder(a: AlertView, b: AlertView) {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt);
}
