import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The patient's and caregiver's check-in screens; crisis resources are always one tap away. */
export const patientCheckinEntries: readonly AreaEntry[] = [
  { path: 'checkin', navLabel: 'checkins:ui.nav.checkin', Component: lazy(() => import('./CheckinPage.tsx')) },
  { path: 'crisis', navLabel: 'checkins:ui.nav.crisis', Component: lazy(() => import('./CrisisPage.tsx')) },
];

export const caregiverCheckinEntries: readonly AreaEntry[] = [
  { path: 'checkin', navLabel: 'checkins:ui.nav.checkin', Component: lazy(() => import('./CheckinPage.tsx')) },
];
