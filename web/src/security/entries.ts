import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

export { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
export { MfaPage } from './MfaPage.tsx';
export { ResetPasswordPage } from './ResetPasswordPage.tsx';

/** /<role>/security in every role's area: password, second step, sessions (and the admin's rule). */
export const securityEntries: readonly AreaEntry[] = [{ path: 'security', navLabel: 'security:nav', Component: lazy(() => import('./SecurityPage.tsx')) }];
