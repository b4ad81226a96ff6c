import type { Context } from 'hono';
import type { AppEnv } from '../platform/context.ts';
import { ThrottledError } from './throttle.ts';

/** Runs a throttled step; a refusal carries Retry-After so clients (and the web app) know when to try again. */
export async function withRetryAfter<T>(c: Context<AppEnv>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ThrottledError) c.header('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}
