import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const WhatsNextPage = lazy(() => import('./WhatsNext.tsx'));
const SchedulePage = lazy(() => import('./Schedule.tsx'));

/** Patients and caregivers: "what's next" and the care timeline at /<role>/appointments (the e-mail link). */
export const appointmentEntries: readonly AreaEntry[] = [{ path: 'appointments', navLabel: 'appointments:nav', Component: WhatsNextPage }];

/** Navigators: the scheduling view at /navigator/schedule. */
export const scheduleEntries: readonly AreaEntry[] = [{ path: 'schedule', navLabel: 'appointments:navNavigator', Component: SchedulePage }];
