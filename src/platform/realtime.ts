import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { parse as parseCookie } from 'hono/utils/cookie';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { AckFn } from '../contracts/common.ts';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../contracts/socket.ts';
import type { Actor, Deps } from './context.ts';
import { errorFacts } from './error-facts.ts';
import { AppError, parse, toAppError } from './errors.ts';
import { createRedis } from './redis.ts';
import { SESSION_COOKIE, SESSION_ENDED_CHANNEL, type SessionEnded } from './session.ts';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The room every socket of a user joins, so services can reach that user on any node. */
export const userRoom = (userId: string) => `user:${userId}`;

export function actorOfSocket(socket: AppSocket, requestId: string): Actor {
  const d = socket.data;
  return { userId: d.userId, role: d.role, orgId: d.orgId, sessionId: d.sessionId, requestId };
}

/**
 * socket.io on the HTTP server: Origin check and session authentication at the handshake
 * (SECURITY.md S2, S3), the Redis adapter so events reach sockets on every node, and session expiry
 * pushed to open sockets (S6, S7).
 */
export async function startRealtime(httpServer: HttpServer, deps: Deps, domains: Array<(socket: AppSocket, deps: Deps) => void>) {
  const pub = createRedis(deps.config.redisUrl);
  const sub = pub.duplicate();
  const sessionsSub = pub.duplicate();
  const io: Io = new Server(httpServer, {
    serveClient: false,
    // Large enough that an oversized field (a 2 MB string) is parsed and answered `invalid` by zod
    // (SECURITY.md S8); frames beyond it close that one connection, never the server.
    maxHttpBufferSize: 3_000_000,
    // A Hono WebSocket route may share the server one day; engine.io must not destroy its upgrades.
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || deps.config.allowedOrigins.includes(origin));
    },
    adapter: createAdapter(pub, sub, { key: `${deps.config.redisPrefix}:io` }),
  });

  io.use(async (socket, next) => {
    try {
      const token = parseCookie(socket.request.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE];
      const session = token ? await deps.sessions.touch(token) : null;
      if (!session || session.pending) return next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
      socket.data = { userId: session.userId, role: session.role, orgId: session.orgId, sessionId: session.id };
      next();
    } catch (err) {
      deps.logger.error({ err: errorFacts(err) }, 'socket auth failed');
      next(Object.assign(new Error('internal'), { data: { code: 'internal' } }));
    }
  });

  io.on('connection', (socket) => {
    deps.metrics.sockets.inc();
    socket.on('disconnect', () => deps.metrics.sockets.dec());
    void socket.join(userRoom(socket.data.userId));
    handle(socket, deps, 'session:ping', null, async () => ({ now: new Date().toISOString() }));
    for (const register of domains) register(socket, deps);
  });

  const endSockets = (ended: SessionEnded) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.userId !== ended.userId) continue;
      if (ended.sessionId && socket.data.sessionId !== ended.sessionId) continue;
      socket.emit('session:expired', { reason: ended.reason });
      socket.disconnect(true);
    }
  };
  await sessionsSub.subscribe(deps.key(SESSION_ENDED_CHANNEL));
  sessionsSub.on('message', (_channel, raw) => endSockets(JSON.parse(raw) as SessionEnded));

  // Redis expires idle sessions silently; sweep open sockets so they learn at once (S6).
  const sweepMs = Math.min(15_000, Math.max(250, deps.sessions.idleMs / 4));
  const sweep = setInterval(async () => {
    const bySession = new Map<string, AppSocket[]>();
    for (const s of io.of('/').sockets.values()) bySession.set(s.data.sessionId, [...(bySession.get(s.data.sessionId) ?? []), s]);
    // Redis unreachable: no verdict this round, the sockets stay (their next event checks again).
    const live = await deps.sessions.liveAmong([...bySession.keys()]).catch(() => null);
    if (!live) return;
    for (const [sessionId, sockets] of bySession) {
      if (live.has(sessionId)) continue;
      for (const s of sockets) {
        s.emit('session:expired', { reason: 'expired' });
        s.disconnect(true);
      }
    }
  }, sweepMs);
  sweep.unref();

  return {
    io,
    async close() {
      clearInterval(sweep);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([pub.quit(), sub.quit(), sessionsSub.quit()]);
    },
  };
}

const socketRequestId = () => crypto.randomUUID();

/**
 * Registers one client-to-server event: validates the payload with zod (no schema = no payload read),
 * runs the handler as the socket's user, and answers the ack with `{ok,data}` or `{ok:false,error}`.
 * Bad input or a throwing handler never reaches the connection (SECURITY.md S8).
 */
export function handle<E extends keyof ClientToServerEvents, S extends z.ZodType | null, R>(
  socket: AppSocket,
  deps: Deps,
  event: E,
  schema: S,
  handler: (input: S extends z.ZodType ? z.output<S> : undefined, actor: Actor) => Promise<R>,
) {
  const listener = async (...args: unknown[]) => {
    const ack = args.findLast((a) => typeof a === 'function') as AckFn<R> | undefined;
    const requestId = socketRequestId();
    try {
      if (!(await deps.sessions.refresh(socket.data.sessionId))) {
        socket.emit('session:expired', { reason: 'expired' });
        socket.disconnect(true);
        throw new AppError('unauthorized');
      }
      const input: unknown = schema ? parse(schema, args[0]) : undefined;
      const data = await handler(input as S extends z.ZodType ? z.output<S> : undefined, actorOfSocket(socket, requestId));
      deps.metrics.socketEvents.inc({ event, outcome: 'ok' });
      ack?.({ ok: true, data });
    } catch (err) {
      const e = toAppError(err);
      if (!(err instanceof AppError)) deps.logger.error({ requestId, event, err: errorFacts(err) }, 'socket handler failed');
      deps.metrics.socketEvents.inc({ event, outcome: e.code });
      ack?.({ ok: false, error: e.toBody() });
    }
  };
  (socket.on as (ev: string, l: (...args: unknown[]) => void) => void)(event, listener);
}
