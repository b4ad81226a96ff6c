import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const CaseReviewsPage = lazy(() => import('./CaseReviewsPage.tsx'));
const CaseReviewPage = lazy(() => import('./CaseReviewPage.tsx'));
const SummaryPage = lazy(() => import('./SummaryPage.tsx'));

/** Specialists and navigators: case reviews at /<role>/case-reviews (the invitation's link names one session). */
export const caseReviewEntries: readonly AreaEntry[] = [
  { path: 'case-reviews', navLabel: 'casereview:nav', Component: CaseReviewsPage },
  { path: 'case-reviews/:id', Component: CaseReviewPage },
];

/** Patients and caregivers: a case review's plain-language summary at /<role>/summaries/<referralId>. */
export const summaryEntries: readonly AreaEntry[] = [{ path: 'summaries/:referralId', Component: SummaryPage }];
