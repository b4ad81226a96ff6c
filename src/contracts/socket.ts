import type { AlertClientEvents, AlertServerEvents } from './alerts.ts';
import type { AckFn, Role } from './common.ts';
import type { MessagingClientToServerEvents, MessagingServerToClientEvents } from './messaging.ts';
import type { AccessServerEvents } from './people.ts';
import type { QuestionServerEvents } from './questions.ts';
import type { ReferralServerEvents } from './referrals.ts';
import type { VideoClientToServerEvents, VideoServerToClientEvents } from './video.ts';

/**
 * The typed socket.io event maps (server and web share them). Each domain adds its events here by
 * extending these interfaces with its own map from src/contracts/<domain>.ts.
 */
export interface ServerToClientEvents extends VideoServerToClientEvents, MessagingServerToClientEvents, AlertServerEvents, ReferralServerEvents, AccessServerEvents, QuestionServerEvents {
  /** The session ended (idle or absolute timeout, logout, account disabled); the server disconnects next. */
  'session:expired': (payload: { reason: 'logout' | 'expired' | 'disabled' }) => void;
  /** An in-app notification for this user (sent by workers through the Redis emitter). */
  'notification:new': (payload: { id: string; template: string; refs: Record<string, string>; link: string }) => void;
  /** The user marked notifications read (in this or another tab): the bell's new unread count. */
  'notification:read': (payload: { unread: number }) => void;
}

export interface ClientToServerEvents extends VideoClientToServerEvents, MessagingClientToServerEvents, AlertClientEvents {
  /** Liveness and session touch; answers the server time, so clients can estimate clock skew. */
  'session:ping': (payload: Record<string, never>, ack: AckFn<{ now: string }>) => void;
}

export interface SocketData {
  userId: string;
  role: Role;
  orgId: string;
  sessionId: string;
}
