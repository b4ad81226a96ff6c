import { parse as parseCookie } from 'hono/utils/cookie';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { AckFn } from '../contracts/common.ts';
import {
  ConnectTransportRequest,
  ConsumerRequest,
  CreateTransportRequest,
  Empty,
  GUEST_COOKIE,
  GUEST_NAMESPACE,
  JoinRequest,
  LayersRequest,
  MediaStateRequest,
  PeerTarget,
  ProduceRequest,
  ProducerRequest,
  SfuReadyRequest,
  SignalRequest,
  type VideoClientToServerEvents,
  type VideoServerToClientEvents,
} from '../contracts/video.ts';
import type { Deps } from '../platform/context.ts';
import { errorFacts } from '../platform/error-facts.ts';
import { AppError, parse, toAppError } from '../platform/errors.ts';
import { handle, type AppSocket } from '../platform/realtime.ts';
import type { PeerChannel } from './room.ts';
import { VideoService, videoOf, type GuestSession } from './service.ts';

function channelOf(socket: { id: string; emit: (...args: never[]) => unknown }): PeerChannel {
  const emit = socket.emit.bind(socket) as unknown as (event: string, payload: unknown) => unknown;
  return { id: socket.id, emit: (event, ...args) => emit(event, args[0]) };
}

/**
 * The media events both kinds of identity share (signed-in users on the main namespace, guests on
 * /video-guest): everything after join acts on the peer bound to this socket, never on a peer id the
 * client names, except the relay target of a signal, which must be in the same room.
 */
function registerMediaEvents(
  on: <S extends z.ZodType | null, R>(event: keyof VideoClientToServerEvents, schema: S, handler: (input: S extends z.ZodType ? z.output<S> : undefined) => Promise<R>) => void,
  deps: Deps,
  socketId: string,
) {
  const video = () => videoOf(deps);
  on('video:leave', Empty, async () => {
    video().leave(socketId);
    return null;
  });
  on('video:signal', SignalRequest, async (input) => {
    video().signal(socketId, input);
    return null;
  });
  on('video:media-state', MediaStateRequest, async (input) => {
    video().mediaState(socketId, input);
    return null;
  });
  on('video:sfu:ready', SfuReadyRequest, async (input) => {
    video().sfuReady(socketId, input.rtpCapabilities);
    return null;
  });
  on('video:sfu:transport', CreateTransportRequest, async (input) => video().createTransport(socketId, input.direction));
  on('video:sfu:connect', ConnectTransportRequest, async (input) => {
    await video().connectTransport(socketId, input.transportId, input.dtlsParameters);
    return null;
  });
  on('video:sfu:produce', ProduceRequest, async (input) => ({ id: await video().produce(socketId, input) }));
  on('video:sfu:close-producer', ProducerRequest, async (input) => {
    video().closeProducer(socketId, input.producerId);
    return null;
  });
  on('video:sfu:pause-producer', ProducerRequest, async (input) => {
    await video().pauseProducer(socketId, input.producerId, input.paused ?? true);
    return null;
  });
  on('video:sfu:pause-consumer', ConsumerRequest, async (input) => {
    await video().pauseConsumer(socketId, input.consumerId, input.paused);
    return null;
  });
  on('video:sfu:layers', LayersRequest, async (input) => {
    await video().setLayers(socketId, input.consumerId, input.spatialLayer, input.temporalLayer);
    return null;
  });
}

/** Video events on a signed-in user's socket (registered from src/socket-domains.ts). */
export function registerVideoSocket(socket: AppSocket, deps: Deps): void {
  const channel = channelOf(socket);
  handle(socket, deps, 'video:join', JoinRequest, async (input, actor) => {
    const video = videoOf(deps);
    const { identity, subject } = await video.userIdentity(actor, input.room);
    return video.join(identity, subject, input.room, channel, { resume: input.resume, requestId: actor.requestId });
  });
  handle(socket, deps, 'video:admit', PeerTarget, async (input, actor) => {
    await videoOf(deps).admit(socket.id, input.peerId, actor.requestId);
    return null;
  });
  handle(socket, deps, 'video:remove', PeerTarget, async (input, actor) => {
    await videoOf(deps).remove(socket.id, input.peerId, actor.requestId);
    return null;
  });
  handle(socket, deps, 'video:end', Empty, async (_input, actor) => {
    await videoOf(deps).end(socket.id, actor.requestId);
    return null;
  });
  registerMediaEvents((event, schema, handler) => handle(socket, deps, event, schema, (input) => handler(input)), deps, socket.id);
  // Logout, account disable and network loss all end in a disconnect: the peer closes at once (S7).
  socket.on('disconnect', () => {
    if (deps.video instanceof VideoService) deps.video.channelClosed(socket.id);
  });
}

type GuestSocket = Socket<VideoClientToServerEvents, VideoServerToClientEvents, Record<string, never>, { guest: GuestSession; token: string }>;

/**
 * The guest namespace: a guest's socket authenticates with the guest cookie a one-time link gave it,
 * may join only the room of that link, and may not admit, remove or end. Each event re-checks the
 * guest session, so a removed guest's socket is cut off at its next event. Closing the service unhooks
 * its middleware and connection handler and drops its guests' sockets, so a video service started
 * again in the same process answers the namespace alone.
 */
export function startGuestNamespace(deps: Deps, video: VideoService): Namespace | undefined {
  if (!deps.io) return undefined;
  const nsp = deps.io.of(GUEST_NAMESPACE) as unknown as Namespace<VideoClientToServerEvents, VideoServerToClientEvents, Record<string, never>, { guest: GuestSession; token: string }>;
  const authenticate: Parameters<typeof nsp.use>[0] = async (socket, next) => {
    try {
      const token = parseCookie(socket.request.headers.cookie ?? '', GUEST_COOKIE)[GUEST_COOKIE];
      const guest = token ? await video.guestSession(token) : null;
      if (!token || !guest) return next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
      socket.data = { guest, token };
      next();
    } catch (err) {
      deps.logger.error({ err: errorFacts(err) }, 'guest socket auth failed');
      next(Object.assign(new Error('internal'), { data: { code: 'internal' } }));
    }
  };
  const onConnection = (socket: GuestSocket) => {
    const channel = channelOf(socket);
    const on = <S extends z.ZodType | null, R>(event: keyof VideoClientToServerEvents, schema: S, handler: (input: S extends z.ZodType ? z.output<S> : undefined) => Promise<R>) => {
      (socket.on as (ev: string, l: (...args: unknown[]) => void) => void)(event, async (...args: unknown[]) => {
        const ack = args.findLast((a) => typeof a === 'function') as AckFn<R> | undefined;
        let ended = false;
        try {
          if (!(await video.guestSession(socket.data.token))) {
            ended = true;
            throw new AppError('unauthorized');
          }
          const input = (schema ? parse(schema, args[0]) : undefined) as S extends z.ZodType ? z.output<S> : undefined;
          ack?.({ ok: true, data: await handler(input) });
          deps.metrics.socketEvents.inc({ event, outcome: 'ok' });
        } catch (err) {
          const failure = toAppError(err);
          deps.metrics.socketEvents.inc({ event, outcome: failure.code });
          if (!(err instanceof AppError)) deps.logger.error({ event, err: errorFacts(err) }, 'guest socket handler failed');
          ack?.({ ok: false, error: failure.toBody() });
        }
        // The guest's session ended (removed, expired): answer first, then cut the socket.
        if (ended) setTimeout(() => socket.disconnect(true), 50);
      });
    };
    on('video:join', JoinRequest, async (input) => {
      const guest = socket.data.guest;
      // A guest's link names one room; asking for any other answers like a room that does not exist.
      if (input.room.kind !== guest.room.kind || input.room.id !== guest.room.id) throw new AppError('not_found');
      const { identity, subject } = await video.guestIdentity(guest);
      return video.join(identity, subject, guest.room, channel, { resume: input.resume });
    });
    for (const hostOnly of ['video:admit', 'video:remove', 'video:end'] as const) {
      on(hostOnly, null, async () => {
        throw new AppError('forbidden');
      });
    }
    registerMediaEvents(on, deps, socket.id);
    // The session's end is known in advance: cut the guest off then, even if they send nothing.
    const expiry = setTimeout(() => {
      void video.guestExpired(socket.data.guest).finally(() => socket.disconnect(true));
    }, Math.max(0, Date.parse(socket.data.guest.expiresAt) - Date.now()));
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      video.channelClosed(socket.id);
    });
  };
  nsp.use(authenticate);
  nsp.on('connection', onConnection);
  video.onClose(() => {
    nsp.off('connection', onConnection);
    // socket.io has no public way to drop one middleware; its list is the namespace's `_fns`.
    const internals = nsp as unknown as { _fns: unknown[] };
    internals._fns = internals._fns.filter((fn) => fn !== authenticate);
    nsp.local.disconnectSockets(true);
  });
  return nsp;
}
