import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { removeUnsentUploads } from '../src/messaging/attachments.ts';
import { defineJob, type WorkerDeps } from './runtime.ts';

export const UPLOADS_CLEANUP_JOB = 'uploads.cleanup';

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

/** One scheduler for the whole deployment: upserting the same id from every worker start is a no-op. */
export function scheduleMaintenance(deps: WorkerDeps) {
  return deps.queues.get(QUEUES.maintenance).upsertJobScheduler(UPLOADS_CLEANUP_JOB, { every: 3600_000 }, { name: UPLOADS_CLEANUP_JOB, data: {} });
}
