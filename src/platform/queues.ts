import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from '../contracts/jobs.ts';

/** Default retry policy: transient failures retry with backoff, then land in `failed` (SECURITY.md S15). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Producers for every queue, on one shared connection; workers/ consumes them. */
export class Queues {
  readonly #connection: Redis;
  readonly #prefix: string;
  readonly #queues = new Map<QueueName, Queue>();

  constructor(connection: Redis, redisPrefix: string) {
    this.#connection = connection;
    this.#prefix = bullPrefix(redisPrefix);
  }

  get(name: QueueName): Queue {
    let q = this.#queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.#connection, prefix: this.#prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.#queues.set(name, q);
    }
    return q;
  }

  /** Waiting + delayed + active + failed per queue, for /metrics. */
  async depths(): Promise<Array<{ queue: QueueName; state: string; count: number }>> {
    const out: Array<{ queue: QueueName; state: string; count: number }> = [];
    for (const name of Object.values(QUEUES)) {
      const counts = await this.get(name).getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
      for (const [state, count] of Object.entries(counts)) out.push({ queue: name, state, count });
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
    this.#queues.clear();
  }
}

/**
 * What a job handler returns to have the same job run again later (a message held for the recipient's
 * quiet hours, docs/decisions/0715): the worker moves it back to delayed without counting an attempt.
 */
export interface Deferred {
  deferredUntil: Date;
}

export const deferredUntil = (result: unknown): Date | null =>
  typeof result === 'object' && result !== null && 'deferredUntil' in result && result.deferredUntil instanceof Date ? result.deferredUntil : null;

export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
