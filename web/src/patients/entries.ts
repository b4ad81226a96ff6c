import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The navigator's page per patient: /navigator/patients/:id. */
export const navigatorPatientEntries: readonly AreaEntry[] = [{ path: 'patients/:id', Component: lazy(() => import('./PatientPage.tsx')) }];
