import { NavigatorHome } from '../pages/navigator/NavigatorHome.tsx';
import type { RoleArea } from './types.ts';

/**
 * The navigator's area (/navigator/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const navigatorArea: RoleArea = {
  role: 'navigator',
  entries: [{ path: '', navLabel: 'common:nav.home', Component: NavigatorHome }],
};
