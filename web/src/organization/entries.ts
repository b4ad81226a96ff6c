import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** Organization screens for navigators (the clinical lead edits) and admins. */
export const rotaEntries: readonly AreaEntry[] = [{ path: 'rota', navLabel: 'organization:nav.rota', Component: lazy(() => import('./RotaPage.tsx')) }];
