import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** "My records", for the patient and a caregiver the patient granted the records scope. */
export const recordEntries: readonly AreaEntry[] = [{ path: 'records', navLabel: 'records:nav', Component: lazy(() => import('./RecordsPage.tsx')) }];
