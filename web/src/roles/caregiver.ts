import { CaregiverHome } from '../pages/caregiver/CaregiverHome.tsx';
import type { RoleArea } from './types.ts';

/**
 * The caregiver's area (/caregiver/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const caregiverArea: RoleArea = {
  role: 'caregiver',
  entries: [{ path: '', navLabel: 'common:nav.home', Component: CaregiverHome }],
};
