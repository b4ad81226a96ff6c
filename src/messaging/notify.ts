import { cancelNotification, enqueueNotification } from '../notifications/service.ts';
import type { Message } from '../contracts/messaging.ts';
import type { Deps } from '../platform/context.ts';
import type { Server as IoServer } from 'socket.io';
import { userRoom } from '../platform/realtime.ts';
import * as people from '../people/service.ts';
import type { MemberRow, ThreadIdentity } from './repo.ts';
import { messagingSettings } from './settings.ts';

const pendingKey = (deps: Deps, threadId: string, userId: string) => deps.key('msg', 'pending-notify', threadId, userId);
/** Deterministic job id: one e-mail per member, thread and first unread message (BullMQ ids may not contain ':'). */
export const notifyJobKey = (threadId: string, userId: string, seq: number) => `msg-${threadId}-${userId}-${seq}`;

/**
 * The members with no open socket on any node. A socket on this node is seen in the local adapter's
 * rooms with no round trip (decision 0019); only the rest are asked of the cluster, and the Redis
 * adapter asks the other nodes only when there are any.
 */
async function withoutSockets<M extends { userId: string }>(io: IoServer, members: M[]): Promise<M[]> {
  const rooms = io.of('/').adapter.rooms;
  const elsewhere = members.filter((m) => !rooms.get(userRoom(m.userId))?.size);
  if (elsewhere.length === 0) return [];
  const sockets = await io.in(elsewhere.map((m) => userRoom(m.userId))).fetchSockets();
  const online = new Set(sockets.map((s) => (s.data as { userId?: string }).userId));
  return elsewhere.filter((m) => !online.has(m.userId));
}

/**
 * Members with no open socket on any node get an e-mail after a short delay, unless they read the thread
 * first (markRead cancels it). One pending e-mail per member and thread; muted threads send none. The job
 * carries ids only; the e-mail itself carries no health information, only a link (SECURITY.md S12).
 */
export async function notifyOffline(deps: Deps, open: { thread: ThreadIdentity; members: MemberRow[] }, message: Message, senderId: string) {
  const candidates = open.members.filter((m) => m.userId !== senderId && !m.muted && m.lastReadSeq < message.seq);
  if (candidates.length === 0 || !deps.io) return;
  const offline = await withoutSockets(deps.io, candidates);
  if (offline.length === 0) return;
  // Each user's row from people's node cache: no query per message.
  const users = new Map((await Promise.all(offline.map((m) => people.getUser(deps, m.userId)))).flatMap((u) => (u ? [[u.id, u] as const] : [])));
  const delay = messagingSettings.notifyDelayMs;
  for (const m of offline) {
    const user = users.get(m.userId);
    if (!user || user.disabledAt) continue;
    const jobKey = notifyJobKey(open.thread.id, m.userId, message.seq);
    const first = await deps.redis.set(pendingKey(deps, open.thread.id, m.userId), jobKey, 'PX', Math.max(1000, delay), 'NX');
    if (first !== 'OK') continue;
    await enqueueNotification(
      deps,
      jobKey,
      { userId: m.userId, template: 'messaging.unread', refs: { threadId: open.thread.id }, link: `/${user.role}/messages/${open.thread.id}`, channels: ['email'] },
      { delay },
    );
  }
}

/** The member read the thread up to `seq`: a pending e-mail about a message at or before it is cancelled. */
export async function cancelPendingNotification(deps: Deps, threadId: string, userId: string, seq: number) {
  const key = pendingKey(deps, threadId, userId);
  const jobKey = await deps.redis.get(key);
  if (!jobKey) return;
  const pendingSeq = Number(jobKey.slice(jobKey.lastIndexOf('-') + 1));
  if (pendingSeq > seq) return;
  await cancelNotification(deps, jobKey);
  await deps.redis.del(key);
}
