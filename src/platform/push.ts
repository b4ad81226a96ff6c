import { Emitter } from '@socket.io/redis-emitter';
import type { ServerToClientEvents } from '../contracts/socket.ts';
import type { Deps } from './context.ts';
import { userRoom } from './realtime.ts';

type Event = keyof ServerToClientEvents;
type Payload<E extends Event> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Emits an event to users' sockets on every node: through this process's socket.io server, or, from a
 * worker process, through the socket.io Redis emitter. A push is best effort after the commit: clients
 * catch up from the database, so a failed publish is logged, never thrown into the caller.
 */
export function pushToUsers<E extends Event>(deps: Deps, userIds: Iterable<string>, event: E, payload: (userId: string) => Payload<E>): void {
  const emit = (room: string, data: unknown) => {
    if (deps.io) (deps.io.to(room) as unknown as { emit(e: string, d: unknown): void }).emit(event, data);
    else (emitterFor(deps).to(room) as unknown as { emit(e: string, d: unknown): void }).emit(event, data);
  };
  for (const id of new Set(userIds)) emit(userRoom(id), payload(id));
}

const emitters = new WeakMap<Deps, Emitter>();
function emitterFor(deps: Deps): Emitter {
  let emitter = emitters.get(deps);
  if (!emitter) {
    // The emitter does not await its publishes; this client catches their failures (e.g. during shutdown).
    const client = {
      publish: (channel: string, message: string | Buffer) =>
        deps.redis.publish(channel, message).catch((err: Error) => deps.logger.warn({ event: 'push', err: err.message }, 'push failed')),
    };
    emitter = new Emitter(client, { key: `${deps.config.redisPrefix}:io` });
    emitters.set(deps, emitter);
  }
  return emitter;
}
