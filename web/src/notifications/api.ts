import type { QueryClient } from '@tanstack/react-query';
import type { InappNotificationView } from '../../../src/contracts/notifications.ts';
import { api } from '../api.ts';

export type { InappNotificationView };

export const NOTIFICATIONS_KEY = '/api/notifications';
export const UNREAD_KEY = '/api/notifications/unread-count';

export const notificationsApi = {
  list: () => api.get<{ notifications: InappNotificationView[]; unread: number }>(NOTIFICATIONS_KEY),
  unread: () => api.get<{ unread: number }>(UNREAD_KEY),
  markRead: (ids: string[]) => api.post<{ marked: number; unread: number }>('/api/notifications/read', { ids }),
  markAllRead: () => api.post<{ marked: number; unread: number }>('/api/notifications/read', { all: true }),
};

/** After any change: the bell's count and the list are read again. */
export function refreshNotifications(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(NOTIFICATIONS_KEY) });
}

/** `checkins.alertUrgent` -> the subject of notify.alertUrgent in locales/<lng>/checkins.json. */
export function notificationTitleKey(template: string): string {
  const [ns = 'notifications', ...rest] = template.split('.');
  return `${ns}:notify.${rest.join('.')}.subject`;
}
