import { Redis } from 'ioredis';
import { expect, test } from 'vitest';
import { testRedisUrl } from '../support/redis-url.ts';
test('integration project gets the run redis', async () => {
  const url = testRedisUrl();
  expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
  const redis = new Redis(url);
  await redis.set('smoke:key', String(process.pid));
  expect(await redis.get('smoke:key')).toBe(String(process.pid));
  expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
  expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
  await redis.quit();
});
