import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/**
 * One factory for every connection. `maxRetriesPerRequest: null` is what BullMQ workers require, and it
 * is harmless elsewhere: commands wait for a reconnect instead of failing mid-request.
 */
export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

/** Application keys live under one prefix so several deployments (and tests) can share a server. */
export function keyer(prefix: string) {
  return (...parts: string[]) => [prefix, ...parts].join(':');
}
export type Keyer = ReturnType<typeof keyer>;
