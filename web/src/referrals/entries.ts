import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const ReferralDetailPage = lazy(() => import('./ReferralDetailPage.tsx'));
const ReferralWizard = lazy(() => import('./ReferralWizard.tsx'));
const MyReferralPage = lazy(() => import('./MyReferralPage.tsx'));

export const navigatorReferralEntries: readonly AreaEntry[] = [
  { path: 'referrals', navLabel: 'referrals:nav.board', Component: lazy(() => import('./ReferralBoard.tsx')) },
  { path: 'referrals/new', Component: ReferralWizard },
  { path: 'referrals/:id/edit', Component: ReferralWizard },
  { path: 'referrals/:id', Component: ReferralDetailPage },
];

export const specialistReferralEntries: readonly AreaEntry[] = [
  { path: 'referrals', navLabel: 'referrals:nav.incoming', Component: lazy(() => import('./IncomingQueue.tsx')) },
  { path: 'referrals/:id', Component: ReferralDetailPage },
];

/** The patient's and caregiver's page of one referral: what would be shared, consent. */
export const patientReferralEntries: readonly AreaEntry[] = [{ path: 'referrals/:id', Component: MyReferralPage }];

export const adminReferralEntries: readonly AreaEntry[] = [
  { path: 'coding-gaps', navLabel: 'referrals:nav.codingGaps', Component: lazy(() => import('./CodingGapsPage.tsx')) },
  { path: 'referral-deadlines', navLabel: 'referralflow:nav.deadlines', Component: lazy(() => import('./DeadlineSettingsPage.tsx')) },
];
