import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** Reminder and notification preferences (channels, SMS number, quiet hours, language) for every role. */
export const preferenceEntries: readonly AreaEntry[] = [{ path: 'preferences', navLabel: 'preferences:nav', Component: lazy(() => import('./PreferencesPage.tsx')) }];
