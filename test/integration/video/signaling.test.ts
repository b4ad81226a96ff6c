import { createHmac } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallInfo, JoinResult, PeerInfo, WaitingPeer } from '../../../src/contracts/video.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { VideoService } from '../../../src/video/service.ts';
import { startVideo } from '../../../src/video/start.ts';
import { connected, connectSocket, emitAck, login, nextEvent, type Client, type ClientSocket } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { demoUserId, videoAppointment } from './fixtures.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const TURN_SECRET = 'turn-secret-for-tests-0123456789';
let server: TestServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  // No mediasoup worker on this machine, or force the peer-to-peer path where there is one.
  server = await startTestServer({ MEDIASOUP_WORKERS: '0', TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349', TURN_SECRET, STUN_URLS: 'stun:stun.example.org:3478' });
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

async function socketFor(client: Client | string): Promise<ClientSocket> {
  const socket = connectSocket(server.url, typeof client === 'string' ? client : client.cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

async function join(socket: ClientSocket, id: string, resume?: string): Promise<Ack<JoinResult>> {
  return emitAck<Ack<JoinResult>>(socket, 'video:join', { room: { kind: 'appointment', id }, ...(resume ? { resume } : {}) });
}

function ok<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${JSON.stringify(ack.error)}`);
  return ack.data;
}

/** Collects every payload of one event from now on. */
function collect<T>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(ev: string, fn: (p: T) => void): void }).on(event, (p) => seen.push(p));
  return seen;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ana waits, Sam joins as host and admits her: both sockets, both peer ids. */
async function consultation(appointmentId: string, ana: Client, sam: Client) {
  const samSocket = await socketFor(sam);
  const anaSocket = await socketFor(ana);
  const samJoin = ok(await join(samSocket, appointmentId));
  const waiting = nextEvent<{ waiting: WaitingPeer[] }>(samSocket, 'video:waiting');
  const anaJoin = ok(await join(anaSocket, appointmentId));
  expect(anaJoin.state).toBe('waiting');
  expect((await waiting).waiting.map((w) => w.peerId)).toEqual([anaJoin.peerId]);
  const admitted = nextEvent<CallInfo>(anaSocket, 'video:admitted');
  const joined = nextEvent<PeerInfo>(samSocket, 'video:peer-joined');
  ok(await emitAck(samSocket, 'video:admit', { peerId: anaJoin.peerId }));
  const call = await admitted;
  expect((await joined).peerId).toBe(anaJoin.peerId);
  return { samSocket, anaSocket, samJoin, anaJoin, call };
}

describe('video signaling and authorization (mesh path, SFU off)', () => {
  let ana: Client;
  let sam: Client;
  let ben: Client;
  beforeAll(async () => {
    [ana, sam, ben] = await Promise.all([login(server.url, 'ana@demo.test'), login(server.url, 'sam@demo.test'), login(server.url, 'ben@demo.test')]);
  });

  test('the server starts without the SFU and says so in /readyz and /api/video/status', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toMatchObject({ sfu: 'unavailable', video: 'mesh' });
    const status = await ana.get('/api/video/status');
    expect(await status.json()).toEqual({ sfu: 'unavailable', mode: 'mesh', meshMaxParticipants: 4, maxParticipants: 16 });
  });

  test('a user not on the appointment gets forbidden (audited), an unknown room not_found, a bad payload invalid', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const benSocket = await socketFor(ben);
    const denied = await join(benSocket, id);
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rows = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'video.join'), eq(auditLog.actor, ben.me.id))).orderBy(auditLog.seq);
    expect(rows.map((r) => [r.outcome, r.targetId])).toEqual([['denied', `appointment:${id}`]]);

    expect(await join(benSocket, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await emitAck(benSocket, 'video:join', { room: { kind: 'appointment', id, extra: 1 } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await emitAck(benSocket, 'video:join', 'nonsense')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Host actions without a room, and REST summary for a non-member, reveal nothing.
    expect(await emitAck(benSocket, 'video:admit', { peerId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await ben.get(`/api/video/rooms/appointment/${id}`)).status).toBe(404);
    const summary = await ana.get(`/api/video/rooms/appointment/${id}`);
    expect(await summary.json()).toMatchObject({ role: 'participant', mode: 'mesh', sfu: 'unavailable', participantCount: 2, capacity: 4 });
  });

  test('waiting room: Ana waits, Sam admits her, ICE servers carry coturn REST credentials, offers and candidates are relayed', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const { samSocket, anaSocket, samJoin, anaJoin, call } = await consultation(id, ana, sam);
    expect(samJoin).toMatchObject({ role: 'host', state: 'admitted', call: { mode: 'mesh', peers: [] } });
    expect(anaJoin.role).toBe('participant');
    expect(call.mode).toBe('mesh');
    expect(call.peers.map((p) => p.peerId)).toEqual([samJoin.peerId]);

    const [stun, turn] = call.iceServers;
    expect(stun).toEqual({ urls: ['stun:stun.example.org:3478'] });
    expect(turn?.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
    const [expiry, user] = (turn?.username ?? '').split(':');
    expect(user).toBe(ana.me.id);
    expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000 + 3600);
    expect(turn?.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn?.username ?? '').digest('base64'));

    // Offer from Ana to Sam, answer back, a candidate: relayed with the server's peer ids.
    const offer = nextEvent<{ from: string; description: { type: string; sdp: string } }>(samSocket, 'video:signal');
    ok(await emitAck(anaSocket, 'video:signal', { to: samJoin.peerId, description: { type: 'offer', sdp: 'v=0\r\n' } }));
    expect(await offer).toEqual({ from: anaJoin.peerId, description: { type: 'offer', sdp: 'v=0\r\n' } });
    const candidate = nextEvent<{ from: string; candidate: { candidate: string } }>(anaSocket, 'video:signal');
    ok(await emitAck(samSocket, 'video:signal', { to: anaJoin.peerId, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } }));
    expect((await candidate).from).toBe(samJoin.peerId);

    // Media state reaches the other side.
    const updated = nextEvent<PeerInfo>(samSocket, 'video:peer-updated');
    ok(await emitAck(anaSocket, 'video:media-state', { audio: true, video: false, screen: false }));
    expect(await updated).toMatchObject({ peerId: anaJoin.peerId, audio: true, video: false });
  });

  test('malformed signaling and RTP parameters get an error ack and the room keeps working', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const { samSocket, anaSocket, samJoin } = await consultation(id, ana, sam);
    const bad: Array<[string, unknown]> = [
      ['video:signal', { to: samJoin.peerId }],
      ['video:signal', { to: samJoin.peerId, description: { type: 'rollback', sdp: 'x' } }],
      ['video:signal', { to: 'not-a-uuid', candidate: { candidate: 'x' } }],
      ['video:signal', { to: samJoin.peerId, description: { type: 'offer', sdp: 'x'.repeat(300_000) } }],
      ['video:sfu:produce', { transportId: samJoin.peerId, kind: 'video', rtpParameters: { codecs: 'VP8' }, source: 'camera' }],
      ['video:sfu:produce', { transportId: samJoin.peerId, kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 999, clockRate: 90000 }] }, source: 'camera' }],
      ['video:sfu:connect', { transportId: samJoin.peerId, dtlsParameters: { fingerprints: [] } }],
      ['video:media-state', { audio: 'yes' }],
      ['video:sfu:layers', { consumerId: samJoin.peerId, spatialLayer: 9 }],
    ];
    for (const [event, payload] of bad) expect(await emitAck(anaSocket, event, payload), event).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Well-formed mediasoup calls on the mesh path answer conflict, not a crash.
    const produce = await emitAck(anaSocket, 'video:sfu:produce', {
      transportId: samJoin.peerId, kind: 'audio', source: 'mic',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 1111 }] },
    });
    expect(produce).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Signaling to a peer outside the room: not_found.
    expect(await emitAck(anaSocket, 'video:signal', { to: '00000000-0000-4000-8000-000000000000', candidate: { candidate: '' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // And the room still works.
    const relayed = nextEvent<{ from: string }>(samSocket, 'video:signal');
    ok(await emitAck(anaSocket, 'video:signal', { to: samJoin.peerId, candidate: { candidate: '' } }));
    await relayed;
    expect(server.deps.video instanceof VideoService && server.deps.video.room({ kind: 'appointment', id })?.admitted().length).toBe(2);
  });

  test('a second login of the same user never evicts anyone; a dropped patient rejoins without re-admission', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const { samSocket, anaSocket, samJoin, anaJoin } = await consultation(id, ana, sam);
    const left = collect<{ peerId: string }>(samSocket, 'video:peer-left');

    // Sam signs in again elsewhere, presenting someone else's peer id as a resume token: a second
    // peer of his, nobody is evicted.
    const sam2 = await login(server.url, 'sam@demo.test');
    const sam2Socket = await socketFor(sam2);
    const sam2Join = ok(await join(sam2Socket, id, anaJoin.peerId));
    expect(sam2Join).toMatchObject({ state: 'admitted', role: 'host' });
    await sleep(100);
    expect(left).toEqual([]);

    // Ana's network drops (a new socket) and she rejoins with her resume token: straight back in.
    const anaAgain = await socketFor(ana);
    const rejoined = ok(await join(anaAgain, id, anaJoin.resumeToken));
    expect(rejoined.state).toBe('admitted');
    expect(rejoined.peerId).not.toBe(anaJoin.peerId);
    expect(rejoined.call?.peers.map((p) => p.peerId)).toEqual([samJoin.peerId, sam2Join.peerId]);
    expect(left).toEqual([{ peerId: anaJoin.peerId, reason: 'replaced' }]);

    // Without the token, after her old socket is gone, admission is still remembered for this room.
    anaSocket.disconnect();
    anaAgain.disconnect();
    await sleep(100);
    const third = await socketFor(ana);
    expect(ok(await join(third, id)).state).toBe('admitted');
  });

  test('without the SFU a call of four runs as a mesh; the fifth is refused with the reason, audited', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test', 'nora@demo.test'] });
    expect(await (await sam.get(`/api/video/rooms/appointment/${id}`)).json()).toMatchObject({ mode: 'mesh', participantCount: 3, capacity: 4 });
    const nora = await login(server.url, 'nora@demo.test');
    const samSocket = await socketFor(sam);
    const noraSocket = await socketFor(nora);
    const samJoin = ok(await join(samSocket, id));
    const noraJoin = ok(await join(noraSocket, id));
    expect(noraJoin).toMatchObject({ state: 'admitted', call: { mode: 'mesh', peers: [expect.objectContaining({ peerId: samJoin.peerId })] } });
    // Ana waits and is admitted as the third; the call tells her about both others.
    const anaSocket = await socketFor(ana);
    const anaJoin = ok(await join(anaSocket, id));
    const admitted = nextEvent<CallInfo>(anaSocket, 'video:admitted');
    ok(await emitAck(samSocket, 'video:admit', { peerId: anaJoin.peerId }));
    expect((await admitted).peers.map((p) => p.peerId).sort()).toEqual([samJoin.peerId, noraJoin.peerId].sort());
    // Signals flow between any two of the mesh.
    const relayed = nextEvent<{ from: string }>(noraSocket, 'video:signal');
    ok(await emitAck(anaSocket, 'video:signal', { to: noraJoin.peerId, candidate: { candidate: '' } }));
    expect((await relayed).from).toBe(anaJoin.peerId);
    // A fourth (Sam from a second device) fits; a fifth does not, whoever it is, and says why.
    const sam2Socket = await socketFor(await login(server.url, 'sam@demo.test'));
    expect(ok(await join(sam2Socket, id)).state).toBe('admitted');
    const ana2Socket = await socketFor(await login(server.url, 'ana@demo.test'));
    const refused = await join(ana2Socket, id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', details: [{ path: 'mesh_full', message: '4' }] } });
    const denied = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'video.join'), eq(auditLog.targetId, `appointment:${id}`), eq(auditLog.outcome, 'denied')));
    expect(denied.map((r) => r.details)).toEqual([{ reason: 'mesh_full' }]);
    // When someone leaves, the place is free again.
    ok(await emitAck(sam2Socket, 'video:leave', {}));
    expect(ok(await join(ana2Socket, id)).state).toBe('admitted');
  });

  test('the host removes a participant (who must wait again) and ends the call for all', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const { samSocket, anaSocket, anaJoin } = await consultation(id, ana, sam);
    // Only hosts act on others.
    expect(await emitAck(anaSocket, 'video:remove', { peerId: anaJoin.peerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emitAck(anaSocket, 'video:end', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const closed = nextEvent<{ reason: string }>(anaSocket, 'video:closed');
    ok(await emitAck(samSocket, 'video:remove', { peerId: anaJoin.peerId }));
    expect(await closed).toEqual({ reason: 'removed' });
    const back = ok(await join(anaSocket, id));
    expect(back.state).toBe('waiting');
    ok(await emitAck(samSocket, 'video:admit', { peerId: back.peerId }));

    const ended = nextEvent<{ reason: string }>(anaSocket, 'video:closed');
    ok(await emitAck(samSocket, 'video:end', {}));
    expect(await ended).toEqual({ reason: 'ended' });
    expect(await join(anaSocket, id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const actions = await server.deps.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, `appointment:${id}`)).orderBy(auditLog.seq);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['video.join', 'video.admit', 'video.remove', 'video.leave', 'video.end']));
  });

  test('logout closes the user\'s video peer within 1 s, and every join and leave is audited', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const ana2 = await login(server.url, 'ana@demo.test');
    const sam2 = await login(server.url, 'sam@demo.test');
    const { samSocket, anaJoin } = await consultation(id, ana2, sam2);
    const left = nextEvent<{ peerId: string; reason: string }>(samSocket, 'video:peer-left', 1000);
    const started = Date.now();
    expect((await ana2.send('POST', '/api/auth/logout', undefined, { origin: server.url })).status).toBe(204);
    expect(await left).toEqual({ peerId: anaJoin.peerId, reason: 'disconnected' });
    expect(Date.now() - started).toBeLessThan(1000);
    await sleep(100);
    const rows = await server.deps.db.select().from(auditLog).where(and(like(auditLog.action, 'video.%'), eq(auditLog.targetId, `appointment:${id}`), eq(auditLog.actor, ana2.me.id))).orderBy(auditLog.seq);
    expect(rows.map((r) => r.action)).toEqual(['video.join', 'video.leave']);
    expect(rows.every((r) => r.patientId === ana2.me.id && r.outcome === 'success')).toBe(true);
  });

  test('a guest joins through a one-time link, is restricted to that room, and a removed guest cannot return', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    // Only a host of the room creates links; the patient cannot.
    expect((await ana.send('POST', `/api/video/rooms/appointment/${id}/guest-links`, { role: 'interpreter', name: 'Inés' }, { origin: server.url })).status).toBe(403);
    const created = await sam.send('POST', `/api/video/rooms/appointment/${id}/guest-links`, { role: 'interpreter', name: 'Inés' }, { origin: server.url });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { url: string; expiresAt: string };
    const token = new URL(link.url).hash.slice(1);
    expect(new URL(link.url).pathname).toBe('/video/guest');

    // No guest cookie: the guest namespace refuses the handshake.
    const anonymous = connectSocket(`${server.url}/video-guest`, undefined);
    sockets.push(anonymous);
    await expect(connected(anonymous)).rejects.toMatchObject({ code: 'unauthorized' });

    const redeem = () => fetch(`${server.url}/api/video/guest/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ token }) });
    const first = await redeem();
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ room: { kind: 'appointment', id }, name: 'Inés', guestRole: 'interpreter', capacity: 4 });
    const guestCookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    // One-time: the same link again is refused.
    expect((await redeem()).status).toBe(404);

    // The guest cookie does not open the signed-in API or the main socket namespace.
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: guestCookie } })).status).toBe(401);
    const guestOnMain = connectSocket(server.url, guestCookie);
    sockets.push(guestOnMain);
    await expect(connected(guestOnMain)).rejects.toMatchObject({ code: 'unauthorized' });

    const samSocket = await socketFor(sam);
    const samJoin = ok(await join(samSocket, id));
    const guest = connectSocket(`${server.url}/video-guest`, guestCookie);
    sockets.push(guest);
    await connected(guest);
    // Another room: answers like a room that does not exist.
    expect(await join(guest, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const waiting = nextEvent<{ waiting: WaitingPeer[] }>(samSocket, 'video:waiting');
    const guestJoin = ok(await join(guest, id));
    expect(guestJoin).toMatchObject({ role: 'guest', state: 'waiting' });
    expect((await waiting).waiting).toEqual([expect.objectContaining({ peerId: guestJoin.peerId, name: 'Inés', role: 'guest', guestRole: 'interpreter' })]);
    expect(await emitAck(guest, 'video:admit', { peerId: guestJoin.peerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emitAck(guest, 'video:end', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const admitted = nextEvent<CallInfo>(guest, 'video:admitted');
    ok(await emitAck(samSocket, 'video:admit', { peerId: guestJoin.peerId }));
    expect((await admitted).peers.map((p) => p.peerId)).toEqual([samJoin.peerId]);
    const relayed = nextEvent<{ from: string }>(samSocket, 'video:signal');
    ok(await emitAck(guest, 'video:signal', { to: samJoin.peerId, description: { type: 'offer', sdp: 'v=0\r\n' } }));
    expect((await relayed).from).toBe(guestJoin.peerId);

    // With Sam and the guest in, the patient is the third person: the mesh has room, she waits.
    const anaSocket = await socketFor(ana);
    expect(ok(await join(anaSocket, id)).state).toBe('waiting');

    // Removed: the guest's session ends; its next event is refused and it cannot reconnect.
    const closed = nextEvent<{ reason: string }>(guest, 'video:closed');
    ok(await emitAck(samSocket, 'video:remove', { peerId: guestJoin.peerId }));
    expect(await closed).toEqual({ reason: 'removed' });
    expect(await join(guest, id)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const again = connectSocket(`${server.url}/video-guest`, guestCookie);
    sockets.push(again);
    await expect(connected(again)).rejects.toMatchObject({ code: 'unauthorized' });

    const guestRows = await server.deps.db.select().from(auditLog).where(and(like(auditLog.actor, 'guest:%'), eq(auditLog.targetId, `appointment:${id}`))).orderBy(auditLog.seq);
    expect(guestRows.map((r) => r.action)).toEqual(expect.arrayContaining(['video.guest.redeem', 'video.join', 'video.leave']));
    expect(await demoUserId(server.deps, 'ana@demo.test')).toBe(guestRows[0]?.patientId);
  });

  test('a video service started again answers the guest namespace alone: closing one removes its handlers', async () => {
    const guestNsp = server.deps.io!.of('/video-guest');
    expect(guestNsp.listeners('connection')).toHaveLength(1);
    await (server.deps.video as VideoService).close();
    expect(guestNsp.listeners('connection')).toHaveLength(0);
    server.deps.video = await startVideo(server.deps);
    expect(guestNsp.listeners('connection')).toHaveLength(1);

    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const created = await sam.send('POST', `/api/video/rooms/appointment/${id}/guest-links`, { role: 'family', name: 'Lía' }, { origin: server.url });
    const token = new URL(((await created.json()) as { url: string }).url).hash.slice(1);
    const redeemed = await fetch(`${server.url}/api/video/guest/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ token }) });
    const guest = connectSocket(`${server.url}/video-guest`, (redeemed.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
    sockets.push(guest);
    await connected(guest);
    // The closed service would answer `unavailable`; the running one puts the guest in its waiting room.
    expect(ok(await join(guest, id))).toMatchObject({ role: 'guest', state: 'waiting' });
  });
});
