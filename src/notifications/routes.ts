import { Hono } from 'hono';
import { ListNotificationsQuery, MarkNotificationsReadRequest } from '../contracts/notifications.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { pushToUsers } from '../platform/push.ts';
import * as notifications from './service.ts';

/** Every role's own in-app notifications: the bell's count, the list, marking read. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/notifications', authenticated(), valid('query', ListNotificationsQuery), async (c) => {
    const deps = c.get('deps');
    const { userId } = actorOf(c);
    const [items, unread] = await Promise.all([notifications.listInapp(deps, userId, c.req.valid('query').unread === 'true'), notifications.unreadCount(deps, userId)]);
    return c.json({ notifications: items, unread });
  })
  .get('/notifications/unread-count', authenticated(), async (c) => c.json({ unread: await notifications.unreadCount(c.get('deps'), actorOf(c).userId) }))
  .post('/notifications/read', authenticated(), valid('json', MarkNotificationsReadRequest), async (c) => {
    const deps = c.get('deps');
    const { userId } = actorOf(c);
    const marked = await notifications.markInappRead(deps, userId, c.req.valid('json'));
    const unread = await notifications.unreadCount(deps, userId);
    // The user's other tabs update their bell too.
    if (marked > 0) pushToUsers(deps, [userId], 'notification:read', () => ({ unread }));
    return c.json({ marked, unread });
  });
