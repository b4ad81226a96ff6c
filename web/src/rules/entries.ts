import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The clinical rules editor (navigators read; the clinical lead publishes). */
export const navigatorRuleEntries: readonly AreaEntry[] = [{ path: 'clinical-rules', navLabel: 'rules:editor.nav', Component: lazy(() => import('./RulesPage.tsx')) }];
