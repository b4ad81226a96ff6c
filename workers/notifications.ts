import { NotificationJob, QUEUES } from '../src/contracts/jobs.ts';
import { deliver } from '../src/notifications/service.ts';
import { defineJob } from './runtime.ts';

/** E-mail, SMS and in-app notifications; each channel at most once per job id. */
export const notificationsJob = defineJob({
  queue: QUEUES.notifications,
  schema: NotificationJob,
  handle: (data, job, deps) => deliver(deps, String(job.id), data),
});
