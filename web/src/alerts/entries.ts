import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The navigator's triage queue, one alert, a patient's symptoms page and the measures dashboard. */
export const navigatorAlertEntries: readonly AreaEntry[] = [
  { path: 'alerts', navLabel: 'checkins:ui.nav.triage', Component: lazy(() => import('./TriagePage.tsx')) },
  { path: 'alerts/:id', Component: lazy(() => import('./AlertDetailPage.tsx')) },
  { path: 'patients/:id/symptoms', Component: lazy(() => import('./PatientSymptomsPage.tsx')) },
  { path: 'measures', navLabel: 'checkins:ui.nav.measures', Component: lazy(() => import('./MeasuresPage.tsx')) },
];
