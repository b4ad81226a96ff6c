import { z } from 'zod';
import type { Deps } from '../platform/context.ts';
import { handle, type AppSocket } from '../platform/realtime.ts';
import { acknowledgeAlert } from './service.ts';

/** Navigators acknowledge from the live queue; the server checks access like the HTTP route. */
export function registerAlertSocket(socket: AppSocket, deps: Deps) {
  if (socket.data.role !== 'navigator') return;
  handle(socket, deps, 'alert:acknowledge', z.object({ id: z.uuid() }).strict(), (input, actor) => acknowledgeAlert(deps, actor, input.id));
}
