import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** Reminder and notification preferences (channels, quiet hours, language) for patients and caregivers. */
export const preferenceEntries: readonly AreaEntry[] = [{ path: 'preferences', navLabel: 'preferences:nav', Component: lazy(() => import('./PreferencesPage.tsx')) }];
