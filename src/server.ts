import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { describeConfig, loadConfig, type Config } from './config.ts';
import { seedDemo } from './demo/seed.ts';
import { noticesHeardAt } from './people/service.ts';
import { openDatabase } from './platform/db/client.ts';
import { buildDeps } from './platform/deps.ts';
import type { Deps } from './platform/context.ts';
import { migrate } from './platform/db/migrate.ts';
import { startDevSmtp } from './platform/dev-smtp.ts';
import { initI18n } from './platform/i18n.ts';
import { createLogger } from './platform/logger.ts';
import { Metrics } from './platform/metrics.ts';
import { startRealtime } from './platform/realtime.ts';
import { errorFacts } from './platform/error-facts.ts';
import { SOCKET_DOMAINS } from './socket-domains.ts';
import { startVideo } from './video/start.ts';

export interface RunningServer {
  url: string;
  app: ReturnType<typeof createApp>;
  deps: Deps;
  close(): Promise<void>;
}

/**
 * Builds every service in order (config -> db -> redis -> app -> sockets) and returns one close() that
 * tears them down in reverse. main.ts and the tests both start the server through here.
 */
export async function startServer(env: Record<string, string | undefined> = process.env, opts: { config?: Config } = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig(env);
  const logger = createLogger(config.logLevel, 'wayfinder-server');
  logger.info({ config: describeConfig(config) }, 'starting');
  await initI18n();

  const database = await openDatabase({ ...config, onConnectionLost: (err) => logger.warn({ err: errorFacts(err) }, 'idle database connection lost') });
  const applied = await migrate(database.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (config.demoSeed && (await seedDemo(database.db)).created) logger.info('demo network seeded');

  const devSmtp = !config.smtpUrl && config.env !== 'production' ? await startDevSmtp(config.devSmtpPort, './data/mail') : undefined;
  const deps = buildDeps({ config, database, logger, smtpUrl: config.smtpUrl ?? `smtp://127.0.0.1:${devSmtp?.port}`, metrics: new Metrics() });
  const { redis } = deps;
  deps.metrics.watchNotices(() => noticesHeardAt(deps));

  const app = createApp(deps);
  const httpServer = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('listening', () => resolve());
    httpServer.once('error', reject);
  });
  const realtime = await startRealtime(httpServer as never, deps, SOCKET_DOMAINS);
  deps.io = realtime.io as never;
  // Video after sockets (guest namespace); a missing mediasoup worker leaves it 'unavailable', never fails.
  const video = await startVideo(deps);
  deps.video = video;

  const { port } = httpServer.address() as AddressInfo;
  if (config.port === 0) {
    // An ephemeral port (tests): the public URL and allowed origin are known only now.
    config.publicUrl = `http://localhost:${port}`;
    config.allowedOrigins.push(config.publicUrl);
  }
  const url = config.publicUrl;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop taking new connections, let in-flight requests finish, then release what they used.
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await realtime.close();
      // A test may have restarted video: close whichever service runs now.
      await (deps.video ?? video).close();
      await httpClosed;
      await deps.queues.close();
      deps.mailer.close();
      await devSmtp?.close();
      await redis.quit().catch(() => undefined);
      await database.close();
      logger.info('stopped');
    })());

  return { url, app, deps, close };
}
