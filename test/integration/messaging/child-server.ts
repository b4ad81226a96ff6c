import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freshDatabaseUrl } from '../../support/database.ts';
import { testRedisUrl } from '../../support/redis-url.ts';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr (pino's JSON log lines included). */
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The environment of a real `node src/main.ts` process for a test: its own Redis prefix and database. */
export async function childEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const databaseUrl = await freshDatabaseUrl();
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    PGLITE_DIR: 'memory://',
    DEV_SMTP_PORT: '0',
    DEMO_SEED: 'true',
    LOG_LEVEL: 'trace',
    UPLOAD_DIR: `/tmp/wayfinder-test-uploads/${randomBytes(4).toString('hex')}`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...extra,
  };
}

/** Starts `node src/main.ts` as its own process and resolves once it prints its URL. */
export async function startChild(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start:\n${out.slice(-2000)}`)), 60_000);
    const check = () => {
      const m = /Wayfinder is running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
