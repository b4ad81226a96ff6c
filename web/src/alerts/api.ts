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
