import { lazy } from 'react';
import { navigatorAlertEntries } from '../alerts/entries.ts';
import { inboxEntries } from '../messaging/entries.ts';
import { caseReviewEntries } from '../casereview/entries.ts';
import { NavigatorHome } from '../pages/navigator/NavigatorHome.tsx';
import { navigatorPatientEntries } from '../patients/entries.ts';
import { directoryEntries, rotaEntries } from '../organization/entries.ts';
import { navigatorReferralEntries } from '../referrals/entries.ts';
import { navigatorRuleEntries } from '../rules/entries.ts';
import { videoEntries } from '../video/entries.ts';
import { scheduleEntries } from '../appointments/entries.ts';
import { libraryEntries } from '../library/entries.ts';
import { navigatorTaskEntries } from '../tasks/entries.ts';
import { preferenceEntries } from '../account/preferenceEntries.ts';
import type { RoleArea } from './types.ts';
import { securityEntries } from '../security/entries.ts';

/**
 * The navigator's area (/navigator/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const navigatorArea: RoleArea = {
  role: 'navigator',
  entries: [
    { path: '', navLabel: 'common:nav.home', Component: NavigatorHome },
    ...inboxEntries,
    ...navigatorAlertEntries,
    { path: 'invite', navLabel: 'account:nav.inviteNavigator', Component: lazy(() => import('../account/InvitePage.tsx')) },
    ...videoEntries,
    ...scheduleEntries,
    ...navigatorReferralEntries,
    ...caseReviewEntries,
    ...libraryEntries,
    ...navigatorRuleEntries,
    ...navigatorPatientEntries,
    ...rotaEntries,
    ...directoryEntries,
    ...preferenceEntries,
    ...securityEntries,
    ...navigatorTaskEntries,
  ],
};
