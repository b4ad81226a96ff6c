import { checkinDueJob, checkinReminderJob, checkinTaskJob } from './checkins.ts';
import { escalationsJob } from './escalations.ts';
import { escalationsReconcileJob, scheduleMaintenance, uploadsCleanupJob } from './maintenance.ts';
import { notificationsJob } from './notifications.ts';
import { referralOverdueJob, referralReminderJob } from './referrals.ts';
import { remindersJob } from './reminders.ts';
import { goalsReviewJob, taskEventJob, taskReminderJob } from './tasks.ts';
import type { JobDefinition, WorkerDeps } from './runtime.ts';
import { reconcilePendingReminders } from '../src/appointments/reminders.ts';

/** Every job kind the worker process runs; each queue's file adds its definitions here. */
export const JOBS: JobDefinition[] = [notificationsJob, escalationsJob, checkinDueJob, checkinReminderJob, checkinTaskJob, remindersJob, referralReminderJob, referralOverdueJob, uploadsCleanupJob, escalationsReconcileJob, taskEventJob, taskReminderJob, goalsReviewJob];

/** Run once each time a worker process starts, after its workers are ready. */
export const ON_START: Array<(deps: WorkerDeps) => Promise<unknown>> = [
  // Re-queues reminders whose job was lost between a commit and the queue add.
  reconcilePendingReminders,
  scheduleMaintenance,
];
