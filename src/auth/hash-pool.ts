import type { Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

export type HashPriority = 'owner' | 'normal';

/**
 * At most `concurrency` password hashes run at once; a few more wait and the rest are refused with
 * `rate_limited`, so a flood of guesses cannot starve real logins of the CPU (SECURITY.md S25).
 * Logins from the owner's known device have one more slot of their own, wait at the front of the
 * queue, and are never refused for its size.
 */
export class HashPool {
  readonly #concurrency: number;
  readonly #maxQueue: number;
  #running = 0;
  readonly #owner: Array<() => void> = [];
  readonly #normal: Array<() => void> = [];

  constructor(concurrency: number, maxQueue: number) {
    this.#concurrency = concurrency;
    this.#maxQueue = maxQueue;
  }

  get waiting(): number {
    return this.#owner.length + this.#normal.length;
  }

  #limit(priority: HashPriority) {
    return priority === 'owner' ? this.#concurrency + 1 : this.#concurrency;
  }

  async run<T>(work: () => Promise<T>, priority: HashPriority = 'normal'): Promise<T> {
    if (this.#running < this.#limit(priority)) {
      this.#running++;
    } else {
      if (priority === 'normal' && this.#normal.length >= this.#maxQueue) throw new AppError('rate_limited');
      // The slot is taken on our behalf by #next() before we are started.
      await new Promise<void>((start) => (priority === 'owner' ? this.#owner : this.#normal).push(start));
    }
    try {
      return await work();
    } finally {
      this.#running--;
      this.#next();
    }
  }

  #next() {
    const queue = this.#owner.length && this.#running < this.#limit('owner') ? this.#owner : this.#normal.length && this.#running < this.#limit('normal') ? this.#normal : null;
    const start = queue?.shift();
    if (!start) return;
    this.#running++;
    start();
  }
}

const pools = new WeakMap<Deps['config'], HashPool>();

/** One pool per server (config object), sized by PASSWORD_HASH_CONCURRENCY / PASSWORD_HASH_QUEUE. */
export function hashPool(deps: Pick<Deps, 'config'>): HashPool {
  let pool = pools.get(deps.config);
  if (!pool) {
    pool = new HashPool(deps.config.passwordHash.concurrency, deps.config.passwordHash.queue);
    pools.set(deps.config, pool);
  }
  return pool;
}
