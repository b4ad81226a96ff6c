import { ConfigError } from './config.ts';
import { errorFacts } from './platform/error-facts.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/seed.ts';
import { startServer } from './server.ts';
import { JOBS, ON_START } from '../workers/jobs.ts';
import { closeWorkerDeps, createWorkerDeps, startWorkers } from '../workers/runtime.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

try {
  const server = await startServer();
  const { config, logger } = server.deps;
  // With PGlite the database belongs to this process, so the queue workers run here too.
  const inline = config.workersInline ? await startWorkers(await createWorkerDeps(process.env, { config, database: server.deps.database }), JOBS) : undefined;
  if (inline) {
    for (const hook of ON_START) await hook(inline.deps);
    logger.info({ queues: inline.workers.map((w) => w.name) }, 'workers running in the server process');
  }
  out(`\nWayfinder is running at ${server.url}`);
  if (config.demoSeed) {
    out(`Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) out(`  ${u.email.padEnd(18)} ${u.role}`);
  }
  out('Press Ctrl-C to stop.\n');

  process.on('unhandledRejection', (reason) => {
    logger.error({ err: errorFacts(reason) }, 'unhandled rejection');
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    (async () => {
      if (inline) {
        await inline.close();
        await closeWorkerDeps(inline.deps, { keepDatabase: true });
      }
      await server.close();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: errorFacts(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  throw err;
}
