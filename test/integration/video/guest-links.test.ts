// Issue 10 item 11: guest links revocable before and after use; guest sessions end with the link or the call.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JoinResult } from '../../../src/contracts/video.ts';
import { videoGuestLinks } from '../../../src/video/tables.ts';
import { connected, connectSocket, emitAck, login, nextEvent, type Client, type ClientSocket } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { videoAppointment } from './fixtures.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string } };
let server: TestServer;
let sam: Client;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ MEDIASOUP_WORKERS: '0' });
  sam = await login(server.url, 'sam@demo.test');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

const origin = () => ({ origin: server.url });
const links = (id: string) => `/api/video/rooms/appointment/${id}/guest-links`;

async function mint(id: string, by: Client = sam) {
  const res = await by.send('POST', links(id), { role: 'interpreter', name: 'Inés' }, origin());
  expect(res.status).toBe(201);
  const link = (await res.json()) as { id: string; url: string };
  return { ...link, token: new URL(link.url).hash.slice(1) };
}

const redeem = (token: string) =>
  fetch(`${server.url}/api/video/guest/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...origin() }, body: JSON.stringify({ token }) });

async function guestSocket(token: string): Promise<{ socket: ClientSocket; cookie: string }> {
  const res = await redeem(token);
  expect(res.status).toBe(201);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = connectSocket(`${server.url}/video-guest`, cookie);
  sockets.push(socket);
  await connected(socket);
  return { socket, cookie };
}

async function hostIn(id: string): Promise<ClientSocket> {
  const socket = connectSocket(server.url, sam.cookie);
  sockets.push(socket);
  await connected(socket);
  expect(await emitAck<Ack<JoinResult>>(socket, 'video:join', { room: { kind: 'appointment', id } })).toMatchObject({ ok: true });
  return socket;
}

const disconnectedWithin = (socket: ClientSocket, ms: number) =>
  new Promise<void>((resolve, reject) => {
    if (socket.disconnected) return resolve();
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });

describe('guest links', () => {
  test('an unused link revoked by its creator cannot be redeemed; hosts see it as revoked', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const link = await mint(id);
    expect((await sam.send('DELETE', `${links(id)}/${link.id}`, undefined, origin())).status).toBe(204);
    expect((await redeem(link.token)).status).toBe(404);
    const listed = (await (await sam.get(links(id))).json()) as { links: Array<{ id: string; revoked: boolean; used: boolean }> };
    expect(listed.links).toEqual([expect.objectContaining({ id: link.id, revoked: true, used: false })]);
  });

  test('someone who is neither the creator nor a host cannot revoke (same 404 as a missing link)', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ben@demo.test', participants: ['sam@demo.test'] });
    const link = await mint(id);
    const ana = await login(server.url, 'ana@demo.test');
    expect((await ana.send('DELETE', `${links(id)}/${link.id}`, undefined, origin())).status).toBe(403);
    const lead = await login(server.url, 'lead@demo.test');
    const res = await lead.send('DELETE', `${links(id)}/${link.id}`, undefined, origin());
    expect(res.status).toBe(404);
    expect((await redeem(link.token)).status).toBe(201);
  });

  test('revoking a used link ends the guest\'s session and closes the guest\'s peer at once', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const link = await mint(id);
    const host = await hostIn(id);
    const { socket, cookie } = await guestSocket(link.token);
    expect(await emitAck<Ack<JoinResult>>(socket, 'video:join', { room: { kind: 'appointment', id } })).toMatchObject({ ok: true, data: { state: 'waiting' } });
    const closed = nextEvent<{ reason: string }>(socket, 'video:closed');
    const started = Date.now();
    expect((await sam.send('DELETE', `${links(id)}/${link.id}`, undefined, origin())).status).toBe(204);
    expect(await closed).toEqual({ reason: 'removed' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await fetch(`${server.url}/api/video/guest/session`, { headers: { cookie } })).status).toBe(401);
    host.disconnect();
  });

  test('a link and its guest session last validMinutes, never past the room\'s end (+2 h grace)', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'], minutes: 30 });
    const before = Date.now();
    const short = (await (await sam.send('POST', links(id), { role: 'family', name: 'Lola', validMinutes: 10 }, origin())).json()) as { expiresAt: string; url: string };
    const after = Date.now();
    expect(Date.parse(short.expiresAt)).toBeGreaterThanOrEqual(before + 10 * 60_000 - 1000);
    expect(Date.parse(short.expiresAt)).toBeLessThanOrEqual(after + 10 * 60_000);
    // The session cookie dies with the link: same instant, to the second.
    const res = await redeem(new URL(short.url).hash.slice(1));
    expect(res.status).toBe(201);
    const cookieExpiry = /Expires=([^;]+)/i.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(Math.abs(Date.parse(cookieExpiry ?? '') - Date.parse(short.expiresAt))).toBeLessThan(1000);
    // 24 h asked, the room ends in 30 min: the link ends with the room's grace period.
    const long = (await (await sam.send('POST', links(id), { role: 'family', name: 'Lola', validMinutes: 24 * 60 }, origin())).json()) as { expiresAt: string };
    const roomEnd = before + 30 * 60_000 + 2 * 60 * 60_000;
    expect(Math.abs(Date.parse(long.expiresAt) - roomEnd)).toBeLessThan(5000);
  });

  test('a guest session ends when its link\'s time is up, even if the guest sends nothing', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const link = await mint(id);
    // validMinutes is at least 5: bring this link's end close instead of waiting.
    await server.deps.db.update(videoGuestLinks).set({ expiresAt: new Date(Date.now() + 2500) }).where(eq(videoGuestLinks.id, link.id));
    const { socket, cookie } = await guestSocket(link.token);
    await disconnectedWithin(socket, 6000);
    expect((await fetch(`${server.url}/api/video/guest/session`, { headers: { cookie } })).status).toBe(401);
  });

  test('ending the call ends its guests\' sessions and voids its unused links', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const [used, unused] = [await mint(id), await mint(id)];
    const host = await hostIn(id);
    const { socket, cookie } = await guestSocket(used.token);
    await emitAck(socket, 'video:join', { room: { kind: 'appointment', id } });
    expect(await emitAck(host, 'video:end', {})).toMatchObject({ ok: true });
    await expect.poll(async () => (await fetch(`${server.url}/api/video/guest/session`, { headers: { cookie } })).status).toBe(401);
    expect((await redeem(unused.token)).status).toBe(404);
  });
});
