// Vitest global setup for the integration and e2e projects: ONE real redis-server per test run,
// on a free port, in a temp dir, no persistence. Tests get its URL with testRedisUrl()
// (test/support/redis-url.ts) and isolate by key prefix, never by SELECTing a DB (the socket.io
// adapter, BullMQ and Redis Cluster only know DB 0).
// Set TEST_REDIS_URL to use an existing server instead (for example a CI service container).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    redisUrl: string;
  }
}

interface Shared {
  url: Promise<string>;
  users: number;
  stop: () => Promise<void>;
}

// Both projects list this file; when they run in the same vitest process they share one server.
const KEY = Symbol.for('wayfinder.test.redis');
const store = globalThis as unknown as Record<symbol, Shared | undefined>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wayfinder-test-redis-'));
  const port = await freePort();
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no',
    '--save', '', '--appendonly', 'no',
    // As in production: jobs must never be evicted, delayed jobs fire on time.
    '--maxmemory-policy', 'noeviction', '--hz', '100', '--loglevel', 'warning',
  ];
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // A test run killed without teardown must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };

  for (let i = 0; ; i++) {
    const failure = spawnError
      ? `cannot start redis-server (install it: apt-get install redis-server): ${spawnError.message}`
      : child.exitCode !== null
        ? `redis-server exited with status ${child.exitCode}`
        : i >= 200
          ? 'redis-server did not answer PING within 5 s'
          : undefined;
    if (failure) {
      await stop();
      throw new Error(failure);
    }
    if (await ping(port)) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_REDIS_URL) {
    project.provide('redisUrl', process.env.TEST_REDIS_URL);
    return async () => {};
  }
  let shared = store[KEY];
  if (!shared) {
    const started = startRedis();
    shared = { url: started.then((r) => r.url), users: 0, stop: async () => (await started).stop() };
    store[KEY] = shared;
  }
  shared.users++;
  try {
    project.provide('redisUrl', await shared.url);
  } catch (err) {
    store[KEY] = undefined;
    throw err;
  }
  const mine = shared;
  return async () => {
    if (--mine.users > 0) return;
    store[KEY] = undefined;
    await mine.stop();
  };
}
