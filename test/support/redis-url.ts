import { inject } from 'vitest';
// Loads the ProvidedContext declaration even when a test imports only this file.
import type {} from './global-setup.ts';

/** URL of the run's redis-server (test/support/global-setup.ts). Isolate tests by key prefix. */
export function testRedisUrl(): string {
  return inject('redisUrl');
}
