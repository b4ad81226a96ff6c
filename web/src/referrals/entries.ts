import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const ReferralDetailPage = lazy(() => import('./ReferralDetailPage.tsx'));

export const navigatorReferralEntries: readonly AreaEntry[] = [
  { path: 'referrals', navLabel: 'referrals:nav.board', Component: lazy(() => import('./ReferralBoard.tsx')) },
  { path: 'referrals/:id', Component: ReferralDetailPage },
];

export const specialistReferralEntries: readonly AreaEntry[] = [
  { path: 'referrals', navLabel: 'referrals:nav.incoming', Component: lazy(() => import('./IncomingQueue.tsx')) },
  { path: 'referrals/:id', Component: ReferralDetailPage },
];
