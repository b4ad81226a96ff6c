import type { z } from 'zod';
import { closeWorkerDeps, createWorkerDeps, startWorkers, type JobDefinition, type RunningWorkers } from '../../workers/runtime.ts';
import { JOBS } from '../../workers/jobs.ts';
import type { TestServer } from './server.ts';

/**
 * Real BullMQ workers for a test server: same Redis prefix and database. On PGlite (one process's
 * database) they share the server's instance; on PostgreSQL they open their own pool, as in production.
 */
export async function startTestWorkers(
  server: TestServer,
  opts: { jobs?: Array<JobDefinition<z.ZodType>>; lockDuration?: number; stalledInterval?: number; env?: Record<string, string> } = {},
): Promise<RunningWorkers & { stop(force?: boolean): Promise<void> }> {
  const env: Record<string, string> = { ...server.env, PUBLIC_URL: server.url, ...opts.env };
  const shared = !env.DATABASE_URL;
  const deps = await createWorkerDeps(env, shared ? { database: server.deps.database } : {});
  const running = await startWorkers(deps, opts.jobs ?? JOBS, { lockDuration: opts.lockDuration, stalledInterval: opts.stalledInterval });
  let stopped: Promise<void> | undefined;
  return Object.assign(running, {
    stop: (force = false) =>
      (stopped ??= (async () => {
        await running.close(force);
        await closeWorkerDeps(deps, { keepDatabase: shared });
      })()),
  });
}
