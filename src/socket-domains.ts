import { registerAlertSocket } from './alerts/socket.ts';
import type { Deps } from './platform/context.ts';
import { registerMessagingSocket } from './messaging/socket.ts';
import type { AppSocket } from './platform/realtime.ts';
import { registerVideoSocket } from './video/socket.ts';

/** Each domain's socket handlers, registered on every new authenticated connection. */
export const SOCKET_DOMAINS: Array<(socket: AppSocket, deps: Deps) => void> = [registerVideoSocket, registerMessagingSocket, registerAlertSocket];
