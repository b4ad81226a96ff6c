import { caseReviewEntries } from '../casereview/entries.ts';
import { chatEntries } from '../messaging/entries.ts';
import { SpecialistHome } from '../pages/specialist/SpecialistHome.tsx';
import { specialistReferralEntries } from '../referrals/entries.ts';
import { videoEntries } from '../video/entries.ts';
import { preferenceEntries } from '../account/preferenceEntries.ts';
import type { RoleArea } from './types.ts';
import { securityEntries } from '../security/entries.ts';

/**
 * The specialist's area (/specialist/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const specialistArea: RoleArea = {
  role: 'specialist',
  entries: [{ path: '', navLabel: 'common:nav.home', Component: SpecialistHome }, ...chatEntries, ...videoEntries, ...specialistReferralEntries, ...caseReviewEntries, ...preferenceEntries, ...securityEntries],
};
