import type { Deps } from './platform/context.ts';
import type { AppSocket } from './platform/realtime.ts';

/** Each domain's socket handlers, registered on every new authenticated connection. */
export const SOCKET_DOMAINS: Array<(socket: AppSocket, deps: Deps) => void> = [];
