import type { Server as IoServer } from 'socket.io';
import type { Config } from '../config.ts';
import type { Role } from '../contracts/common.ts';
import type { Audit } from './audit/audit.ts';
import type { Database, Db } from './db/client.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail.ts';
import type { Metrics } from './metrics.ts';
import type { Queues } from './queues.ts';
import type { RateLimits } from './rate-limit.ts';
import type { Redis } from './redis.ts';
import type { Keyer } from './redis.ts';
import type { Session, SessionStore } from './session.ts';

/** Everything a request, socket handler or job needs; built once in main.ts (or a test) and passed down. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  redis: Redis;
  key: Keyer;
  audit: Audit;
  sessions: SessionStore;
  logger: Logger;
  mailer: Mailer;
  queues: Queues;
  metrics: Metrics;
  rateLimits: RateLimits;
  /** Set once the socket.io server is attached; services use it to push events after a commit. */
  io?: IoServer;
  /** The video service, once started; its SFU is 'unavailable' (calls run as a mesh) when no mediasoup worker runs. */
  video?: { status(): 'available' | 'unavailable'; mode(): 'sfu' | 'mesh'; close(): Promise<void> };
}

/** Who is acting: carried into every service call and audit row (SECURITY.md S1). */
export interface Actor {
  userId: string;
  role: Role;
  orgId: string;
  sessionId: string;
  requestId: string;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    /** The X-Request-Id a client sent, if well formed: logged beside ours, never trusted as ours. */
    clientRequestId?: string;
    actor: Actor | null;
    /** A signed-in session that still needs its second factor (set only when `actor` is null). */
    pendingSession: Session | null;
  };
}
