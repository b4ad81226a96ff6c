import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** Organization screens for navigators (the clinical lead edits) and admins. */
export const rotaEntries: readonly AreaEntry[] = [{ path: 'rota', navLabel: 'organization:nav.rota', Component: lazy(() => import('./RotaPage.tsx')) }];

/** The network directory (sites, reference centres, domains, contacts): staff read it, the admin keeps it. */
export const directoryEntries: readonly AreaEntry[] = [
  { path: 'directory', navLabel: 'directory:nav', Component: lazy(() => import('./DirectoryPage.tsx')) },
  { path: 'directory/:id', Component: lazy(() => import('./SitePage.tsx')) },
];
