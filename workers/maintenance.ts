import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { reconcileEscalations } from '../src/alerts/service.ts';
import { removeUnsentUploads } from '../src/messaging/attachments.ts';
import { defineJob, type WorkerDeps } from './runtime.ts';

export const UPLOADS_CLEANUP_JOB = 'uploads.cleanup';
export const ESCALATIONS_RECONCILE_JOB = 'escalations.reconcile';

/** Hourly: uploads that were never sent in a message within a day are deleted with their files. */
export const uploadsCleanupJob = defineJob({
  queue: QUEUES.maintenance,
  name: UPLOADS_CLEANUP_JOB,
  schema: z.object({}).strict(),
  handle: async (_data, _job, deps) => {
    const removed = await removeUnsentUploads(deps);
    if (removed) deps.logger.info({ removed }, 'unsent uploads removed');
  },
});

/** Every minute: an alert whose first escalation job was lost between commit and queue add gets it. */
export const escalationsReconcileJob = defineJob({
  queue: QUEUES.maintenance,
  name: ESCALATIONS_RECONCILE_JOB,
  schema: z.object({}).strict(),
  handle: async (_data, _job, deps) => {
    const queued = await reconcileEscalations(deps);
    if (queued) deps.logger.info({ queued }, 'escalation steps re-queued');
  },
});

/** One scheduler for the whole deployment: upserting the same id from every worker start is a no-op. */
export async function scheduleMaintenance(deps: WorkerDeps) {
  const queue = deps.queues.get(QUEUES.maintenance);
  await queue.upsertJobScheduler(UPLOADS_CLEANUP_JOB, { every: 3600_000 }, { name: UPLOADS_CLEANUP_JOB, data: {} });
  await queue.upsertJobScheduler(ESCALATIONS_RECONCILE_JOB, { every: 60_000 }, { name: ESCALATIONS_RECONCILE_JOB, data: {} });
}
