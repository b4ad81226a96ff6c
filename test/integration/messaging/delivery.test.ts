import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../../src/contracts/messaging.ts';
import { messagingSettings } from '../../../src/messaging/settings.ts';
import { messages } from '../../../src/messaging/tables.ts';
import { emitAck } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startPeerNode } from './peer-node.ts';
import { careTeamThreadId, openSocket, person, send, sent, setWorkingHours, sleep, until, type Ack, type Person } from './support.ts';

let server: TestServer;
let peer: Awaited<ReturnType<typeof startPeerNode>>;
let ana: Person, nora: Person;
let thread: string;

beforeAll(async () => {
  server = await startTestServer();
  await setWorkingHours(server.deps, 'always');
  peer = await startPeerNode(server);
  [ana, nora] = await Promise.all([person(server.url, 'ana'), person(server.url, 'nora')]);
  thread = await careTeamThreadId(ana.client, ana.id);
});
afterAll(async () => {
  ana?.socket.disconnect();
  nora?.socket.disconnect();
  await peer?.close();
  await server?.close();
});

describe('S17: exactly once to the user', () => {
  it('the connection is cut mid-send: after reconnect one stored copy, the recipient sees the id once, missed messages are replayed', async () => {
    // Nora's last known sequence number, then she goes offline.
    const lastSeen = sent(await send(nora.socket, thread, 'before the cut')).seq;
    nora.socket.disconnect();

    // Ana's connection drops right after the emit leaves: no ack ever reaches her.
    const clientId = randomUUID();
    const cut = await openSocket(server.url, ana.client.cookie);
    cut.socket.emit('message:send', { threadId: thread, clientId, body: 'sent while the line dropped' }, () => {
      throw new Error('the ack must not arrive on a cut connection');
    });
    cut.socket.disconnect();
    // Meanwhile a caregiver's message arrives that Nora misses too.
    const carl = await person(server.url, 'carl');
    const missed = sent(await send(carl.socket, thread, 'caregiver message while Nora is away'));
    carl.socket.disconnect();

    // Ana reconnects and resends with the same client id: absorbed, answered with the stored message.
    const again = await openSocket(server.url, ana.client.cookie);
    const stored = sent(await send(again.socket, thread, 'sent while the line dropped', clientId));
    const again2 = sent(await send(again.socket, thread, 'sent while the line dropped', clientId));
    expect(again2.id).toBe(stored.id);
    again.socket.disconnect();

    // Nora reconnects and asks for everything after her last sequence number.
    const back = await openSocket(server.url, nora.client.cookie);
    const sync = await emitAck<Ack<SyncResult>>(back.socket, 'message:sync', { threadId: thread, after: lastSeen });
    if (!sync.ok) throw new Error(sync.error.code);
    expect(sync.data.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect(sync.data.messages.map((m) => m.id)).toEqual(expect.arrayContaining([stored.id, missed.id]));
    expect(new Set(sync.data.messages.map((m) => m.id)).size).toBe(sync.data.messages.length);
    expect(sync.data.messages.map((m) => m.seq)).toEqual([...sync.data.messages.map((m) => m.seq)].sort((a, b) => a - b));
    expect(await server.deps.db.$count(messages, eq(messages.clientId, clientId))).toBe(1);
    const copies = sync.data.messages.filter((m) => m.clientId === clientId).length + back.received.filter((m) => m.clientId === clientId).length;
    expect(copies).toBe(1);
    nora = { ...nora, socket: back.socket, received: back.received };
  });
});

describe('two server nodes deliver to each other through the Redis adapter', () => {
  it('a message sent on node A reaches a member connected to node B and back', async () => {
    const onB = await openSocket(peer.url, nora.client.cookie);
    const m = sent(await send(ana.socket, thread, 'from node A'));
    await until(() => onB.received.some((x) => x.id === m.id), 3000, 'delivery to node B');
    const reply = sent(await send(onB.socket, thread, 'from node B'));
    await until(() => ana.received.some((x) => x.id === reply.id), 3000, 'delivery to node A');
    await sleep(200);
    expect(onB.received.filter((x) => x.id === m.id)).toHaveLength(1);
    expect(ana.received.filter((x) => x.id === reply.id)).toHaveLength(1);
    onB.socket.disconnect();
  });

  it('S9: the message rate limit holds across the two nodes', async () => {
    const saved = messagingSettings.rateLimit;
    messagingSettings.rateLimit = { points: 4, seconds: 60 };
    try {
      // Ben has sent nothing yet in this window; he alternates between the two nodes.
      const ben = await person(server.url, 'ben');
      const benThread = await careTeamThreadId(ben.client, ben.id);
      const onB = await openSocket(peer.url, ben.client.cookie);
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const ack = await send(i % 2 ? onB.socket : ben.socket, benThread, `alternating ${i}`);
        codes.push(ack.ok ? 'ok' : ack.error.code);
      }
      expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'rate_limited']);
      onB.socket.disconnect();
      ben.socket.disconnect();
    } finally {
      messagingSettings.rateLimit = saved;
    }
  });
});
