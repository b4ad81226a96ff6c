import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../src/contracts/common.ts';
import type { AttachmentInfo, Message, SendResult, SyncResult, ThreadSummary } from '../../../src/contracts/messaging.ts';
import { api, ApiError } from '../api.ts';

export type { AttachmentInfo, Message, SendResult, SyncResult, ThreadSummary };

export const messagingApi = {
  threads: () => api.get<{ threads: ThreadSummary[] }>('/api/threads'),
  inbox: () => api.get<{ threads: ThreadSummary[] }>('/api/inbox'),
  thread: (id: string) => api.get<ThreadSummary>(`/api/threads/${id}`),
  history: (id: string, before?: number) => api.get<SyncResult>(`/api/threads/${id}/messages?limit=50${before ? `&before=${before}` : ''}`),
  mute: (id: string, muted: boolean) => api.put<void>(`/api/threads/${id}/mute`, { muted }),
  templates: (id: string) => api.get<{ locale: string; templates: Array<{ key: string; text: string }> }>(`/api/threads/${id}/templates`),
  candidates: (id: string) => api.get<{ navigators: Array<{ id: string; name: string }> }>(`/api/threads/${id}/handover-candidates`),
  handOver: (id: string, navigatorId: string) => api.post<{ assignedNavigatorId: string }>(`/api/threads/${id}/handover`, { navigatorId }),
  async upload(threadId: string, file: File): Promise<AttachmentInfo> {
    const form = new FormData();
    form.append('file', file);
    const res = await fetch(`/api/threads/${threadId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status === 401 ? 'unauthorized' : 'invalid', res.status);
    return ((await res.json()) as { attachment: AttachmentInfo }).attachment;
  },
};

/** The app's socket for messaging: same origin, session cookie, websocket only, reconnecting. */
export function openChatSocket(): Socket {
  return io('/', { transports: ['websocket'], withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
}

export async function emitAck<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
}

/** Merges messages by id and keeps them in sequence order: live events and catch-up never show twice. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
