import { ConfigError } from '../src/config.ts';
import { JOBS } from './jobs.ts';
import { closeWorkerDeps, createWorkerDeps, startWorkers } from './runtime.ts';

try {
  const deps = await createWorkerDeps();
  const running = await startWorkers(deps, JOBS);
  deps.logger.info({ queues: running.workers.map((w) => w.name) }, 'workers started');
  process.on('unhandledRejection', (reason) => deps.logger.error({ err: String(reason) }, 'unhandled rejection'));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'workers shutting down');
    // close() waits for active jobs to finish, so SIGTERM never leaves a job half-done (SECURITY.md S16).
    await running.close();
    await closeWorkerDeps(deps);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  throw err;
}
