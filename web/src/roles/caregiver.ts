import { caregiverCheckinEntries } from '../checkins/entries.ts';
import { chatEntries } from '../messaging/entries.ts';
import { summaryEntries } from '../casereview/entries.ts';
import { videoEntries } from '../video/entries.ts';
import { appointmentEntries } from '../appointments/entries.ts';
import HomePage from '../home/HomePage.tsx';
import { libraryEntries } from '../library/entries.ts';
import { recordEntries } from '../records/entries.ts';
import { preferenceEntries } from '../account/preferenceEntries.ts';
import { patientReferralEntries } from '../referrals/entries.ts';
import type { RoleArea } from './types.ts';
import { securityEntries } from '../security/entries.ts';

/**
 * The caregiver's area (/caregiver/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const caregiverArea: RoleArea = {
  role: 'caregiver',
  entries: [{ path: '', navLabel: 'common:nav.home', Component: HomePage }, ...chatEntries, ...caregiverCheckinEntries, ...videoEntries, ...appointmentEntries, ...recordEntries, ...libraryEntries, ...preferenceEntries, ...securityEntries, ...summaryEntries, ...patientReferralEntries],
};
