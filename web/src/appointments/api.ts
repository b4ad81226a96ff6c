import type { AppointmentView, Conflict } from '../../../src/contracts/appointments.ts';
import type { TimelineItem } from '../../../src/contracts/timeline.ts';
import type { TFunction } from 'i18next';
import { api } from '../api.ts';

export type { AppointmentView, Conflict, TimelineItem };

export interface CareTimeline {
  next: TimelineItem | null;
  upcoming: TimelineItem[];
  past: TimelineItem[];
  unavailable: string[];
}

export interface Site {
  id: string;
  name: string;
  city: string;
  timezone: string;
}

export const appointmentsApi = {
  list: (patientId: string) => api.get<{ appointments: AppointmentView[] }>(`/api/appointments?patientId=${encodeURIComponent(patientId)}`),
  create: (body: unknown) => api.post<AppointmentView>('/api/appointments', body),
  reschedule: (id: string, body: unknown) => api.patch<AppointmentView>(`/api/appointments/${id}`, body),
  respond: (id: string, body: { action: 'confirm' } | { action: 'request_change'; reason: string }) => api.patch<AppointmentView>(`/api/appointments/${id}`, body),
  cancel: (id: string) => api.delete<void>(`/api/appointments/${id}`),
  timeline: (patientId: string) => api.get<CareTimeline>(`/api/patients/${patientId}/timeline`),
  sites: () => api.get<{ sites: Site[]; travelTimes: Array<{ fromSiteId: string; toSiteId: string; minutes: number }> }>('/api/scheduling/sites'),
  setTravel: (body: { fromSiteId: string; toSiteId: string; minutes: number }) => api.put<void>('/api/scheduling/travel-times', body),
  addTreatment: (body: unknown) => api.post<{ id: string }>('/api/treatment-plan-items', body),
  feed: () => api.get<{ active: boolean; createdAt: string | null }>('/api/calendar/feed'),
  rotateFeed: () => api.post<{ url: string }>('/api/calendar/feed'),
  revokeFeed: () => api.delete<void>('/api/calendar/feed'),
};

/** "Tuesday 14 March, 10:00" in the app's language, on the given zone's clock. */
export function formatWhen(iso: string, lng: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lng, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function formatTime(iso: string, lng: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(lng, { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** The translated title of a timeline item (titleKey + params, plus a chemotherapy cycle). */
export function itemTitle(t: TFunction<'appointments'>, item: TimelineItem): string {
  const title = t(item.titleKey, item.params);
  const cycle = Number(item.params.cycle ?? 0);
  const label = typeof item.params.label === 'string' ? ` – ${item.params.label}` : '';
  return cycle > 0 ? `${title} (${t('appointments:timeline.cycle', { cycle, cyclesTotal: item.params.cyclesTotal })})${label}` : `${title}${label}`;
}
