import { DelayedError, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import { loadConfig, type Config } from '../src/config.ts';
import type { QueueName } from '../src/contracts/jobs.ts';
import type { Deps } from '../src/platform/context.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { errorFacts } from '../src/platform/error-facts.ts';
import { buildDeps } from '../src/platform/deps.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { initI18n } from '../src/platform/i18n.ts';
import { createLogger } from '../src/platform/logger.ts';
import { Metrics, recordJobLateness } from '../src/platform/metrics.ts';
import { bullPrefix, deferredUntil } from '../src/platform/queues.ts';
import { runSealer } from '../src/platform/audit/sealer.ts';
import { createRedis } from '../src/platform/redis.ts';

/** What a job handler gets: the same services as a request, with the system as the actor. */
export type WorkerDeps = Deps;

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  /** The job kind within its queue; defaults to the queue name for single-kind queues. */
  name?: string;
  schema: S;
  /** Must be idempotent: BullMQ delivers at least once. */
  handle(data: z.output<S>, job: Job, deps: WorkerDeps): Promise<unknown>;
  concurrency?: number;
}

/** Checks a job kind against its schema; the result joins the untyped list the worker process runs. */
export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>) => def as unknown as JobDefinition;

/**
 * Invalid job data is a poison job: it fails once with UnrecoverableError and is never retried
 * (SECURITY.md S15). Errors from handlers are transient and retry with the queue's backoff.
 */
export function processorFor<S extends z.ZodType>(def: JobDefinition<S>, deps: WorkerDeps): Processor {
  return async (job, token) => {
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      throw new UnrecoverableError(`invalid job data: ${fields}`);
    }
    // Lateness against the due time: the first attempt of a delayed job, measured once.
    if (job.attemptsMade === 0) await recordJobLateness(deps.redis, deps.key, def.queue, Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
    const result = await def.handle(parsed.data, job, deps);
    const until = deferredUntil(result);
    if (until) {
      // The same job id runs again then: its per-channel delivery rows keep what already went out once.
      await job.moveToDelayed(until.getTime(), token);
      throw new DelayedError();
    }
    return result;
  };
}

export async function createWorkerDeps(
  env: Record<string, string | undefined> = process.env,
  opts: { config?: Config; database?: Database } = {},
): Promise<WorkerDeps> {
  const config = opts.config ?? loadConfig(env);
  const logger = createLogger(config.logLevel, 'wayfinder-workers');
  await initI18n();
  // Tests on in-memory PGlite hand in the server's database, since PGlite is one process's database.
  const database = opts.database ?? (await openDatabase(config));
  await migrate(database.db);
  return buildDeps({ config, database, logger, smtpUrl: config.smtpUrl ?? `smtp://127.0.0.1:${config.devSmtpPort}`, metrics: new Metrics({ defaults: false }) });
}

export interface RunningWorkers {
  workers: Worker[];
  deps: WorkerDeps;
  close(force?: boolean): Promise<void>;
}

export async function startWorkers(deps: WorkerDeps, jobs: Array<JobDefinition<z.ZodType>>, opts: { lockDuration?: number; stalledInterval?: number } = {}): Promise<RunningWorkers> {
  const byQueue = new Map<QueueName, Array<JobDefinition<z.ZodType>>>();
  for (const j of jobs) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), j]);
  const workers: Worker[] = [];
  for (const [queue, defs] of byQueue) {
    // One worker per queue; a queue with several job kinds dispatches on job.name.
    const processors = new Map(defs.map((d) => [jobName(d), processorFor(d, deps)]));
    const worker = new Worker(
      queue,
      async (job, token) => {
        const p = processors.get(job.name) ?? (defs.length === 1 ? processors.values().next().value : undefined);
        if (!p) throw new UnrecoverableError(`no handler for job ${job.name}`);
        return p(job, token);
      },
      {
        connection: createRedis(deps.config.redisUrl),
        prefix: bullPrefix(deps.config.redisPrefix),
        concurrency: Math.max(...defs.map((d) => d.concurrency ?? 10)),
        ...(opts.lockDuration ? { lockDuration: opts.lockDuration } : {}),
        ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
      },
    );
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      // The operator alert for a job that will not be retried again; ids and reasons only, no PHI.
      deps.logger[final ? 'error' : 'warn']({ queue, jobId: job?.id, jobName: job?.name, attempts: job?.attemptsMade, err: errorFacts(err), final }, final ? 'job failed permanently' : 'job failed, will retry');
    });
    worker.on('error', (err) => deps.logger.error({ queue, err: errorFacts(err) }, 'worker error'));
    workers.push(worker);
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // Tamper evidence for the audit log, added after commit by one elected process (decision 0013).
  const sealer = runSealer({ db: deps.db, secret: deps.config.auditSecret, redis: deps.redis, leaseKey: deps.key('audit-sealer'), logger: deps.logger });
  return {
    workers,
    deps,
    async close(force = false) {
      await Promise.all([sealer.stop(), ...workers.map((w) => w.close(force))]);
    },
  };
}

const jobName = (def: JobDefinition<z.ZodType>) => def.name ?? def.queue;

export async function closeWorkerDeps(deps: WorkerDeps, opts: { keepDatabase?: boolean } = {}): Promise<void> {
  await deps.queues.close();
  deps.mailer.close();
  await deps.redis.quit().catch(() => undefined);
  if (!opts.keepDatabase) await deps.database.close();
}
