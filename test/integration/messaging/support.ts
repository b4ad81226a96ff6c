import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Message, SendResult, ThreadSummary } from '../../../src/contracts/messaging.ts';
import type { Deps } from '../../../src/platform/context.ts';
import { connected, connectSocket, emitAck, login, type Client, type ClientSocket } from '../../support/client.ts';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message?: string } };

export interface Person {
  client: Client;
  id: string;
  socket: ClientSocket;
  /** Every message:new this person's socket received, in arrival order. */
  received: Message[];
}

/** Signs in and opens a real socket.io connection that records every message:new it receives. */
export async function person(url: string, name: string): Promise<Person> {
  const client = await login(url, `${name}@demo.test`);
  return { client, id: client.me.id, ...(await openSocket(url, client.cookie)) };
}

export async function openSocket(url: string, cookie: string): Promise<{ socket: ClientSocket; received: Message[] }> {
  const socket = connectSocket(url, cookie);
  const received: Message[] = [];
  socket.on('message:new', ({ message }) => received.push(message));
  await connected(socket);
  return { socket, received };
}

/** Working hours that are always open (or never), so out-of-hours answers appear only where a test wants them. */
export async function setWorkingHours(deps: Deps, mode: 'always' | 'never') {
  const hours = mode === 'always' ? { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' } : { days: [], start: '08:00', end: '18:00' };
  await deps.db.execute(sql`update organizations set working_hours = ${JSON.stringify(hours)}::jsonb`);
}

export async function threadsOf(client: Client): Promise<ThreadSummary[]> {
  const res = await client.get('/api/threads');
  if (res.status !== 200) throw new Error(`GET /api/threads answered ${res.status}`);
  return ((await res.json()) as { threads: ThreadSummary[] }).threads;
}

export async function careTeamThreadId(client: Client, patientId: string): Promise<string> {
  const t = (await threadsOf(client)).find((x) => x.kind === 'care_team' && x.patientId === patientId);
  if (!t) throw new Error('no care-team thread');
  return t.id;
}

export const send = (socket: ClientSocket, threadId: string, body: string, clientId: string = randomUUID(), extra: Record<string, unknown> = {}) =>
  emitAck<Ack<SendResult>>(socket, 'message:send', { threadId, clientId, body, ...extra });

export function sent(ack: Ack<SendResult>): Message {
  if (!ack.ok) throw new Error(`send failed: ${ack.error.code} ${ack.error.message ?? ''}`);
  return ack.data.message;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
