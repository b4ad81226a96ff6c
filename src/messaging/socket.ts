import { ReadRequest, SendMessage, SyncRequest, TypingRequest } from '../contracts/messaging.ts';
import type { Deps } from '../platform/context.ts';
import { handle, type AppSocket } from '../platform/realtime.ts';
import * as messaging from './service.ts';

/**
 * Messaging events on one authenticated socket. Rooms are never chosen by the client: every socket is in
 * its own `user:<id>` room (platform/realtime.ts) and messages go to the members' rooms.
 */
export function registerMessagingSocket(socket: AppSocket, deps: Deps) {
  handle(socket, deps, 'message:send', SendMessage, async (input, actor) => {
    const sent = await messaging.sendMessage(deps, actor, input);
    // Persist, then ack (handle() answers when this returns), then deliver: setImmediate runs after the ack.
    setImmediate(() => {
      sent.after().catch((err: unknown) => deps.logger.error({ messageId: sent.result.message.id, err: (err as Error).name }, 'message delivery failed'));
    });
    return sent.result;
  });
  handle(socket, deps, 'message:sync', SyncRequest, (input, actor) => messaging.history(deps, actor, input.threadId, { after: input.after, limit: input.limit ?? 200 }));
  handle(socket, deps, 'message:read', ReadRequest, (input, actor) => messaging.markRead(deps, actor, input.threadId, input.seq));
  handle(socket, deps, 'thread:typing', TypingRequest, (input, actor) => messaging.typing(deps, actor, input.threadId, input.typing));
}
