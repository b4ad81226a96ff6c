import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The trusted-information library, for patients, caregivers and navigators (who share entries into chats). */
export const libraryEntries: readonly AreaEntry[] = [
  { path: 'library', navLabel: 'library:nav', Component: lazy(() => import('./LibraryPage.tsx')) },
  { path: 'library/:id', Component: lazy(() => import('./EntryPage.tsx')) },
];
