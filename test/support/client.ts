import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/contracts/socket.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signed-in API user: its cookie, and fetch helpers that send it. */
export interface Client {
  cookie: string;
  me: { id: string; role: string; name: string; locale: string };
  get(path: string): Promise<Response>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { user } = (await res.json()) as { user: Client['me'] };
  return clientFor(baseUrl, cookie, user);
}

/** Signs in each demo user by first name into `as`, and records their id in `ids`. */
export async function loginDemoUsers(baseUrl: string, names: readonly string[], as: Record<string, Client>, ids: Record<string, string>): Promise<void> {
  for (const name of names) {
    as[name] = await login(baseUrl, `${name}@demo.test`);
    ids[name] = as[name].me.id;
  }
}

export function clientFor(baseUrl: string, cookie: string, me: Client['me']): Client {
  return {
    cookie,
    me,
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }),
    send: (method, path, body, headers = {}) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** A real socket.io client over WebSocket carrying the session cookie, as a browser would. */
export function connectSocket(baseUrl: string, cookie: string | undefined, extraHeaders: Record<string, string> = {}): ClientSocket {
  return ioClient(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...extraHeaders },
  });
}

/** Resolves when connected; rejects with the server's connect_error data code. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => reject(Object.assign(new Error(err.data?.code ?? err.message), { code: err.data?.code ?? err.message })));
  });
}

/** Emits with an ack and resolves with the server's reply. */
export function emitAck<T = unknown>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck(ev: string, p: unknown): Promise<T> }).emitWithAck(event, payload);
}

export function nextEvent<T = unknown>(socket: ClientSocket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket as unknown as { once(ev: string, fn: (p: T) => void): void }).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
