import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { AppError } from './errors.ts';

/**
 * Rate limits live in Redis so they hold across every server process (SECURITY.md S9).
 * A limiter is named and sized once; callers consume points by key (a user id, an e-mail, an IP).
 */
export class RateLimits {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limiters = new Map<string, RateLimiterRedis>();

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  limiter(name: string, points: number, durationSeconds: number): RateLimiterRedis {
    const id = `${name}:${points}:${durationSeconds}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.#redis,
        keyPrefix: `${this.#prefix}:rl:${name}`,
        points,
        duration: durationSeconds,
      });
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Takes one point or throws `rate_limited`. */
  async consume(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
    try {
      await this.limiter(name, points, durationSeconds).consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new AppError('rate_limited');
      throw err;
    }
  }

  /** True when the key has used up its points (checked before an attempt, e.g. a login). */
  async exhausted(name: string, key: string, points: number, durationSeconds: number): Promise<boolean> {
    const res = await this.limiter(name, points, durationSeconds).get(key);
    return res !== null && res.consumedPoints >= points;
  }

  async penalize(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
    await this.limiter(name, points, durationSeconds).penalty(key, 1);
  }

  async reset(name: string, key: string, points: number, durationSeconds: number): Promise<void> {
    await this.limiter(name, points, durationSeconds).delete(key);
  }
}
