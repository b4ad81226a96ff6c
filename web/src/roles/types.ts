import type { ComponentType } from 'react';
import type { Role } from '../api.ts';

/**
 * One screen of a role's area: a route under /<role>/ and, when it has a navLabel, a link in
 * that role's navigation list (in the order of the entries).
 */
export interface AreaEntry {
  /** Path below the role's base, without a leading slash: '' is the role's home, 'messages', 'patients/:id'. */
  path: string;
  /** i18n key, with its namespace, of the nav link ('common:nav.home', 'messaging:nav'); omit for routes not in the nav. */
  navLabel?: string;
  /** The page. Use React.lazy(() => import(...)) for big features; the layout provides Suspense. */
  Component: ComponentType;
}

export interface RoleArea {
  role: Role;
  entries: readonly AreaEntry[];
}

export function homePath(role: Role): string {
  return `/${role}`;
}
