import type { Config } from '../config.ts';
import { Audit } from './audit/audit.ts';
import type { Deps } from './context.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './logger.ts';
import { createMailer } from './mail.ts';
import type { Metrics } from './metrics.ts';
import { Queues } from './queues.ts';
import { RateLimits } from './rate-limit.ts';
import { createRedis, keyer } from './redis.ts';
import { SessionStore } from './session.ts';

/** The services shared by the server and the worker processes, over one Redis connection. */
export function buildDeps(opts: { config: Config; database: Database; logger: Logger; smtpUrl: string; metrics: Metrics }): Deps {
  const { config, database } = opts;
  // Commands issued in the same tick by concurrent requests share one write (decision 0020); BullMQ's
  // blocking reads run on the workers' own connections, never on this one.
  const redis = createRedis(config.redisUrl, { enableAutoPipelining: true });
  const key = keyer(config.redisPrefix);
  return {
    config,
    database,
    db: database.db,
    redis,
    key,
    audit: new Audit(database.db, config.auditSecret),
    sessions: new SessionStore({ redis, key, secret: config.sessionSecret, idleSeconds: config.sessionIdleSeconds, absoluteSeconds: config.sessionAbsoluteSeconds }),
    logger: opts.logger,
    mailer: createMailer(opts.smtpUrl, config.mailFrom),
    queues: new Queues(redis, config.redisPrefix),
    metrics: opts.metrics,
    rateLimits: new RateLimits(redis, config.redisPrefix),
  };
}
