import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

/** The navigator's task board, a task, a patient's tasks and goals of care, the services directory and the rules. */
export const navigatorTaskEntries: readonly AreaEntry[] = [
  { path: 'tasks', navLabel: 'tasks:nav.board', Component: lazy(() => import('./TaskBoard.tsx')) },
  { path: 'tasks/:id', Component: lazy(() => import('./TaskDetailPage.tsx')) },
  { path: 'patients/:id/tasks', Component: lazy(() => import('./PatientTasksPage.tsx')) },
  { path: 'patients/:id/goals-of-care', Component: lazy(() => import('./GoalsOfCarePage.tsx')) },
  { path: 'services', navLabel: 'tasks:nav.services', Component: lazy(() => import('./ServicesPage.tsx')) },
  { path: 'task-rules', navLabel: 'tasks:nav.rules', Component: lazy(() => import('./RulesPage.tsx')) },
];

/** The patient's own goals-of-care record. */
export const patientTaskEntries: readonly AreaEntry[] = [{ path: 'goals-of-care', navLabel: 'tasks:nav.goals', Component: lazy(() => import('./MyGoalsPage.tsx')) }];
