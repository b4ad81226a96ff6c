import { ConfigError } from '../src/config.ts';
import { errorFacts } from '../src/platform/error-facts.ts';
import { JOBS, ON_START } from './jobs.ts';
import { closeWorkerDeps, createWorkerDeps, startWorkers, type RunningWorkers } from './runtime.ts';

// Signal handlers first: a SIGTERM that arrives while the workers start still ends in a clean exit 0.
let running: RunningWorkers | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  running?.deps.logger.info({ signal }, 'workers shutting down');
  // close() waits for active jobs to finish, so SIGTERM never leaves a job half-done (SECURITY.md S16).
  if (running) {
    await running.close();
    await closeWorkerDeps(running.deps);
  }
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  const deps = await createWorkerDeps();
  process.on('unhandledRejection', (reason) => deps.logger.error({ err: errorFacts(reason) }, 'unhandled rejection'));
  running = await startWorkers(deps, JOBS);
  if (stopping) await stop('SIGTERM');
  for (const hook of ON_START) await hook(deps);
  deps.logger.info({ queues: running.workers.map((w) => w.name) }, 'workers started');
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  throw err;
}
