import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JoinResult, NewConsumer, TransportInfo } from '../../../src/contracts/video.ts';
import { workerBinaryProblem } from '../../../src/video/sfu.ts';
import type { VideoService } from '../../../src/video/service.ts';
import { connected, connectSocket, emitAck, login, type ClientSocket } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { videoAppointment } from './fixtures.ts';

/**
 * The SFU path with real mediasoup workers and real socket.io clients sending synthetic RTP
 * parameters (no browser). Runs wherever the mediasoup worker binary exists; elsewhere every test is
 * skipped and the reason is printed.
 */
const problem = workerBinaryProblem();
if (problem) process.stdout.write(`\n[video/sfu.test.ts] SFU tests skipped: ${problem}\n\n`);

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string } };
const ok = <T,>(a: Ack<T>): T => {
  if (!a.ok) throw new Error(JSON.stringify(a.error));
  return a.data;
};

let server: TestServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  if (problem) return;
  server = await startTestServer({ MEDIASOUP_WORKERS: '2', MEDIASOUP_PORT: '0', MEDIASOUP_LISTEN_IP: '127.0.0.1' });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

let ssrc = 10_000;
const audioParams = () => ({ codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }], encodings: [{ ssrc: ssrc++ }] });
/** Camera video as a browser sends it: VP8, three simulcast encodings. */
const simulcastParams = () => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'ccm', parameter: 'fir' }] }],
  encodings: [{ ssrc: ssrc++, scaleResolutionDownBy: 4 }, { ssrc: ssrc++, scaleResolutionDownBy: 2 }, { ssrc: ssrc++ }],
});

interface Member {
  socket: ClientSocket;
  join: JoinResult;
  consumers: NewConsumer[];
}

async function guestSocket(roomId: string, host: Awaited<ReturnType<typeof login>>, n: number, on: TestServer = server): Promise<ClientSocket> {
  const res = await host.send('POST', `/api/video/rooms/appointment/${roomId}/guest-links`, { role: 'family', name: `Guest ${n}` }, { origin: on.url });
  const token = new URL(((await res.json()) as { url: string }).url).hash.slice(1);
  const redeemed = await fetch(`${on.url}/api/video/guest/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: on.url }, body: JSON.stringify({ token }) });
  const cookie = (redeemed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = connectSocket(`${on.url}/video-guest`, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

/** Joins, gets admitted, sends capabilities, opens both transports and produces mic + simulcast camera. */
async function enter(socket: ClientSocket, roomId: string, hostSocket: ClientSocket | null): Promise<Member> {
  const consumers: NewConsumer[] = [];
  (socket as unknown as { on(ev: string, fn: (c: NewConsumer) => void): void }).on('video:sfu:new-consumer', (c) => consumers.push(c));
  const join = ok(await emitAck<Ack<JoinResult>>(socket, 'video:join', { room: { kind: 'appointment', id: roomId } }));
  let caps = join.call?.routerRtpCapabilities;
  if (join.state === 'waiting') {
    if (!hostSocket) throw new Error('nobody to admit');
    const admitted = new Promise<{ routerRtpCapabilities: unknown }>((resolve) => (socket as unknown as { once(ev: string, fn: (p: { routerRtpCapabilities: unknown }) => void): void }).once('video:admitted', resolve));
    ok(await emitAck(hostSocket, 'video:admit', { peerId: join.peerId }));
    caps = (await admitted).routerRtpCapabilities;
  }
  const { codecs, headerExtensions } = caps as { codecs: unknown[]; headerExtensions: unknown[] };
  ok(await emitAck(socket, 'video:sfu:ready', { rtpCapabilities: { codecs, headerExtensions } }));
  const send = ok(await emitAck<Ack<TransportInfo>>(socket, 'video:sfu:transport', { direction: 'send' }));
  ok(await emitAck<Ack<TransportInfo>>(socket, 'video:sfu:transport', { direction: 'recv' }));
  ok(await emitAck(socket, 'video:sfu:produce', { transportId: send.id, kind: 'audio', source: 'mic', rtpParameters: audioParams() }));
  ok(await emitAck(socket, 'video:sfu:produce', { transportId: send.id, kind: 'video', source: 'camera', rtpParameters: simulcastParams() }));
  return { socket, join, consumers };
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(Boolean(problem))('video through the mediasoup SFU', () => {
  test('readyz reports the SFU available; one WebRtcServer per worker', async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { sfu: string } };
    expect(ready.checks.sfu).toBe('available');
    expect((server.deps.video as VideoService).sfu.workers.length).toBe(2);
  });

  test('13 people (host, patient, navigator, 10 guests) each receive every other audio and simulcast video; bad RTP parameters are refused and the room keeps working', async () => {
    const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test', 'nora@demo.test'] });
    const [sam, ana, nora] = await Promise.all(['sam@demo.test', 'ana@demo.test', 'nora@demo.test'].map((e) => login(server.url, e)));
    const samSocket = connectSocket(server.url, sam!.cookie);
    sockets.push(samSocket);
    await connected(samSocket);
    const members: Member[] = [await enter(samSocket, id, null)];
    for (const client of [ana!, nora!]) {
      const s = connectSocket(server.url, client.cookie);
      sockets.push(s);
      await connected(s);
      members.push(await enter(s, id, samSocket));
    }
    for (let n = 0; n < 10; n++) members.push(await enter(await guestSocket(id, sam!, n), id, samSocket));

    const total = members.length;
    expect(total).toBe(13);
    await until(() => members.every((m) => m.consumers.length === 2 * (total - 1)));
    for (const m of members) {
      const video = m.consumers.filter((c) => c.kind === 'video');
      expect(new Set(video.map((c) => c.peerId)).size).toBe(total - 1);
      expect(video.every((c) => c.source === 'camera')).toBe(true);
    }
    // Simulcast: the viewer picks a layer; consumers resume on request.
    const first = members[1]!.consumers.find((c) => c.kind === 'video')!;
    ok(await emitAck(members[1]!.socket, 'video:sfu:pause-consumer', { consumerId: first.id, paused: false }));
    ok(await emitAck(members[1]!.socket, 'video:sfu:layers', { consumerId: first.id, spatialLayer: 0 }));

    // Malformed RTP parameters: mediasoup refuses them, the ack says invalid, nothing else breaks.
    const send = ok(await emitAck<Ack<TransportInfo>>(members[2]!.socket, 'video:sfu:transport', { direction: 'send' }));
    const bad = await emitAck(members[2]!.socket, 'video:sfu:produce', {
      transportId: send.id, kind: 'video', source: 'screen',
      rtpParameters: { codecs: [{ mimeType: 'video/NOPE', payloadType: 100, clockRate: 90000 }], encodings: [{ ssrc: 1 }] },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Screen share for imaging review: a second video producer from the same peer reaches everyone.
    const before = members[0]!.consumers.length;
    ok(await emitAck(members[2]!.socket, 'video:sfu:produce', { transportId: send.id, kind: 'video', source: 'screen', rtpParameters: { codecs: simulcastParams().codecs, encodings: [{ ssrc: ssrc++ }] } }));
    await until(() => members[0]!.consumers.length === before + 1);
    expect(members[0]!.consumers.at(-1)).toMatchObject({ source: 'screen', peerId: members[2]!.join.peerId });
  }, 60_000);

  test('a room that outgrows its worker is piped onto a router on the other worker', async () => {
    // A server configured with a tiny per-worker budget, so six people overflow one worker.
    const small = await startTestServer({ MEDIASOUP_WORKERS: '2', MEDIASOUP_PORT: '0', MEDIASOUP_LISTEN_IP: '127.0.0.1', MEDIASOUP_MAX_CONSUMERS_PER_WORKER: '6' });
    try {
      expect((small.deps.video as VideoService).sfu.maxConsumersPerWorker).toBe(6);
      const id = await videoAppointment(small.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test', 'nora@demo.test'] });
      const sam = await login(small.url, 'sam@demo.test');
      const samSocket = connectSocket(small.url, sam.cookie);
      sockets.push(samSocket);
      await connected(samSocket);
      const members: Member[] = [await enter(samSocket, id, null)];
      for (let n = 0; n < 5; n++) members.push(await enter(await guestSocket(id, sam, n, small), id, samSocket));
      await until(() => members.every((m) => m.consumers.length === 2 * (members.length - 1)));
      const room = (small.deps.video as VideoService).room({ kind: 'appointment', id })!;
      expect(room.routerCount).toBe(2);
      expect(new Set(room.workerIndexes).size).toBe(2);
    } finally {
      await small.close();
    }
  }, 60_000);
});
