import { z } from 'zod';
import { Id } from './common.ts';

/** One stored in-app notification as the bell and the notification list show it. */
export const InappNotificationView = z.object({
  id: Id,
  /** `<namespace>.<key>`: the web app shows locales/<lng>/<namespace>.json -> notify.<key>.subject. */
  template: z.string(),
  /** A path inside the web app (`/navigator/alerts/<id>`), never an absolute URL. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InappNotificationView = z.infer<typeof InappNotificationView>;

export const ListNotificationsQuery = z.object({ unread: z.enum(['true', 'false']).default('false') }).strict();

export const MarkNotificationsReadRequest = z.union([
  z.object({ ids: z.array(Id).min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
