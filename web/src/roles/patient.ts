import { PatientHome } from '../pages/patient/PatientHome.tsx';
import type { RoleArea } from './types.ts';

/**
 * The patient's area (/patient/...). To add a screen, add an entry: it becomes a route and, with a
 * navLabel, a link in the navigation, e.g.
 *   { path: 'messages', navLabel: 'messaging:nav', Component: lazy(() => import('../messaging/Inbox.tsx')) }
 */
export const patientArea: RoleArea = {
  role: 'patient',
  entries: [{ path: '', navLabel: 'common:nav.home', Component: PatientHome }],
};
