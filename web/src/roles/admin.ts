import { lazy } from 'react';
import { AdminHome } from '../pages/admin/AdminHome.tsx';
import { directoryEntries, rotaEntries } from '../organization/entries.ts';
import { preferenceEntries } from '../account/preferenceEntries.ts';
import { adminReferralEntries } from '../referrals/entries.ts';
import type { RoleArea } from './types.ts';
import { securityEntries } from '../security/entries.ts';

/**
 * The admin's area (/admin/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const adminArea: RoleArea = {
  role: 'admin',
  entries: [
    { path: '', navLabel: 'common:nav.home', Component: AdminHome },
    { path: 'invite', navLabel: 'account:nav.invite', Component: lazy(() => import('../account/InvitePage.tsx')) },
    ...adminReferralEntries,
    ...rotaEntries,
    ...directoryEntries,
    ...preferenceEntries,
    ...securityEntries,
  ],
};
