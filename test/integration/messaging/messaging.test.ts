import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, SyncResult, ThreadSummary } from '../../../src/contracts/messaging.ts';
import { messagingSettings } from '../../../src/messaging/settings.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { connected, connectSocket, emitAck, nextEvent } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { careTeamThreadId, person, send, sent, setWorkingHours, sleep, threadsOf, until, type Ack, type Person } from './support.ts';

let server: TestServer;
let ana: Person, ben: Person, carl: Person, nora: Person, sam: Person, lead: Person;
let anaThread: string, benThread: string;

beforeAll(async () => {
  server = await startTestServer();
  await setWorkingHours(server.deps, 'always');
  [ana, ben, carl, nora, sam, lead] = (await Promise.all(['ana', 'ben', 'carl', 'nora', 'sam', 'lead'].map((n) => person(server.url, n)))) as Person[] as [Person, Person, Person, Person, Person, Person];
  anaThread = await careTeamThreadId(ana.client, ana.id);
  benThread = await careTeamThreadId(ben.client, ben.id);
});
afterAll(async () => {
  for (const p of [ana, ben, carl, nora, sam, lead]) p?.socket.disconnect();
  await server?.close();
});

describe('threads and membership decided by the server', () => {
  it("a patient's care-team thread holds the patient, the caregiver granted messages, and the care team", async () => {
    const [t] = (await threadsOf(ana.client)).filter((x) => x.id === anaThread) as [ThreadSummary];
    expect(t.kind).toBe('care_team');
    expect(t.members.map((m) => m.userId).sort()).toEqual([ana.id, carl.id, nora.id, sam.id].sort());
    expect((await threadsOf(carl.client)).map((x) => x.id)).toContain(anaThread);
    expect((await threadsOf(nora.client)).map((x) => x.id)).toEqual(expect.arrayContaining([anaThread, benThread]));
    expect((await threadsOf(ben.client)).map((x) => x.id)).toEqual([benThread]);
  });

  it('S2: a socket with no, a tampered or an expired session gets connect_error unauthorized', async () => {
    for (const cookie of [undefined, 'wf_session=forged-token', `${ana.client.cookie}x`]) {
      const s = connectSocket(server.url, cookie);
      await expect(connected(s)).rejects.toMatchObject({ code: 'unauthorized' });
      s.disconnect();
    }
  });
});

describe('sending: persist, ack, deliver to every member', () => {
  it('message:send acks with the stored message and every member socket receives message:new once', async () => {
    const before = { nora: nora.received.length, carl: carl.received.length, ben: ben.received.length };
    const ack = await send(ana.socket, anaThread, 'When is my next scan?');
    const m = sent(ack);
    expect(m).toMatchObject({ threadId: anaThread, senderId: ana.id, kind: 'user', body: 'When is my next scan?' });
    await until(() => nora.received.some((x) => x.id === m.id) && carl.received.some((x) => x.id === m.id) && sam.received.some((x) => x.id === m.id), 3000, 'delivery');
    await until(() => ana.received.some((x) => x.id === m.id), 3000, 'echo to the sender');
    await sleep(200);
    expect(nora.received.slice(before.nora).filter((x) => x.id === m.id)).toHaveLength(1);
    expect(ben.received.length).toBe(before.ben);
  });

  it('sequence numbers increase by one per thread and the unread count follows the read mark', async () => {
    const a = sent(await send(ana.socket, anaThread, 'one'));
    const b = sent(await send(carl.socket, anaThread, 'two'));
    expect(b.seq).toBe(a.seq + 1);
    let t = (await threadsOf(nora.client)).find((x) => x.id === anaThread)!;
    expect(t.unread).toBeGreaterThanOrEqual(2);
    expect(t.awaitingReply).toBe(true);
    const readEvent = nextEvent<{ threadId: string; userId: string; seq: number }>(ana.socket, 'message:read');
    const ack = await emitAck<Ack<{ seq: number }>>(nora.socket, 'message:read', { threadId: anaThread, seq: b.seq });
    expect(ack).toEqual({ ok: true, data: { threadId: anaThread, seq: b.seq } });
    expect(await readEvent).toEqual({ threadId: anaThread, userId: nora.id, seq: b.seq });
    t = (await threadsOf(nora.client)).find((x) => x.id === anaThread)!;
    expect(t.unread).toBe(0);
    expect(t.members.find((m) => m.userId === nora.id)?.lastReadSeq).toBe(b.seq);
    // A staff reply answers the thread: it leaves the "awaiting reply" state.
    sent(await send(nora.socket, anaThread, 'I will check and call you.'));
    t = (await threadsOf(nora.client)).find((x) => x.id === anaThread)!;
    expect(t.awaitingReply).toBe(false);
    expect(t.unread).toBe(0);
  });

  it('a repeated clientId is absorbed and answered with the same stored message', async () => {
    const clientId = randomUUID();
    const first = sent(await send(ana.socket, anaThread, 'same', clientId));
    const again = sent(await send(ana.socket, anaThread, 'same', clientId));
    expect(again).toEqual(first);
    const rows = await server.deps.db.execute(sql`select count(*)::int as n from messages where client_id = ${clientId}`);
    expect((rows as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(1);
    // Ten concurrent repeats leave one row too.
    const id2 = randomUUID();
    const acks = await Promise.all(Array.from({ length: 10 }, () => send(ana.socket, anaThread, 'burst', id2)));
    expect(new Set(acks.map((a) => sent(a).id)).size).toBe(1);
    await sleep(300);
    expect(nora.received.filter((m) => m.clientId === id2)).toHaveLength(1);
  });

  it('the same clientId in another thread is a conflict, not a silent answer', async () => {
    const clientId = randomUUID();
    sent(await send(nora.socket, anaThread, 'x', clientId));
    const ack = await send(nora.socket, benThread, 'x', clientId);
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('history pages backwards with before/limit and catches up with after (GET and message:sync)', async () => {
    const mine: Message[] = [];
    for (let i = 0; i < 7; i++) mine.push(sent(await send(ben.socket, benThread, `page ${i}`)));
    const last = mine.at(-1)!;
    const page1 = (await (await ben.client.get(`/api/threads/${benThread}/messages?limit=3`)).json()) as SyncResult;
    expect(page1.messages.map((m) => m.body)).toEqual(['page 4', 'page 5', 'page 6']);
    expect(page1.hasMore).toBe(true);
    const page2 = (await (await ben.client.get(`/api/threads/${benThread}/messages?limit=3&before=${page1.messages[0]!.seq}`)).json()) as SyncResult;
    expect(page2.messages.map((m) => m.body)).toEqual(['page 1', 'page 2', 'page 3']);
    const after = (await (await ben.client.get(`/api/threads/${benThread}/messages?after=${mine[4]!.seq}`)).json()) as SyncResult;
    expect(after.messages.map((m) => m.id)).toEqual([mine[5]!.id, last.id]);
    const sync = await emitAck<Ack<SyncResult>>(nora.socket, 'message:sync', { threadId: benThread, after: mine[2]!.seq });
    expect(sync.ok && sync.data.messages.map((m) => m.body)).toEqual(['page 3', 'page 4', 'page 5', 'page 6']);
    expect((await ben.client.get(`/api/threads/${benThread}/messages?before=5&after=2`)).status).toBe(400);
  });

  it('typing indicators reach the other members only', async () => {
    const seen = nextEvent<{ threadId: string; userId: string; typing: boolean }>(nora.socket, 'thread:typing');
    const ack = await emitAck<Ack<object>>(ana.socket, 'thread:typing', { threadId: anaThread, typing: true });
    expect(ack.ok).toBe(true);
    expect(await seen).toEqual({ threadId: anaThread, userId: ana.id, typing: true });
  });

  it('mute is per member and per thread', async () => {
    expect((await carl.client.send('PUT', `/api/threads/${anaThread}/mute`, { muted: true })).status).toBe(204);
    expect((await threadsOf(carl.client)).find((t) => t.id === anaThread)?.muted).toBe(true);
    expect((await threadsOf(ana.client)).find((t) => t.id === anaThread)?.muted).toBe(false);
    expect((await carl.client.send('PUT', `/api/threads/${anaThread}/mute`, { muted: false })).status).toBe(204);
  });

  it('every message write and history read leaves an audit row with the actor', async () => {
    const m = sent(await send(ana.socket, anaThread, 'audited'));
    const rows = await server.deps.db.select().from(auditLog).where(sql`${auditLog.action} = 'message.create' and ${auditLog.targetId} = ${m.id}`).orderBy(auditLog.seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: ana.id, patientId: ana.id, outcome: 'success' });
    expect(JSON.stringify(rows[0])).not.toContain('audited');
  });
});

describe('S4: nobody reaches a thread they do not belong to', () => {
  it("Ben cannot send to, sync, read, type in or list Ana's thread, and receives none of her messages", async () => {
    const start = ben.received.length;
    const attempts = await Promise.all([
      send(ben.socket, anaThread, 'let me in'),
      emitAck<Ack<unknown>>(ben.socket, 'message:sync', { threadId: anaThread, after: 0 }),
      emitAck<Ack<unknown>>(ben.socket, 'message:read', { threadId: anaThread, seq: 1 }),
      emitAck<Ack<unknown>>(ben.socket, 'thread:typing', { threadId: anaThread, typing: true }),
      emitAck<Ack<unknown>>(ben.socket, 'message:send', { threadId: randomUUID(), clientId: randomUUID(), body: 'nowhere' }),
    ]);
    for (const a of attempts) expect(a.ok === false && ['forbidden', 'not_found'].includes(a.error.code)).toBe(true);
    const other = await ben.client.get(`/api/threads/${anaThread}/messages`);
    const missing = await ben.client.get(`/api/threads/${randomUUID()}/messages`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
    // A rejoin attempt by room name does nothing either: rooms are chosen by the server.
    (ben.socket as unknown as { emit(ev: string, p: unknown): void }).emit('join', `user:${ana.id}`);
    sent(await send(ana.socket, anaThread, 'private to my team'));
    sent(await send(nora.socket, anaThread, 'reply in private'));
    await sleep(500);
    expect(ben.received.slice(start)).toEqual([]);
  });

  it('a staff-only thread is closed to the patient and the caregiver; a revoked caregiver leaves the care-team thread', async () => {
    const res = await nora.client.send('POST', '/api/threads', { kind: 'staff', patientId: ana.id, memberIds: [sam.id] });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const carlStart = carl.received.length;
    const anaStart = ana.received.length;
    sent(await send(nora.socket, id, 'staff note'));
    await until(() => sam.received.some((m) => m.threadId === id), 3000, 'sam receives');
    expect((await send(ana.socket, id, 'hi')).ok).toBe(false);
    expect((await ana.client.get(`/api/threads/${id}/messages`)).status).toBe(404);
    await sleep(300);
    expect(carl.received.slice(carlStart).some((m) => m.threadId === id)).toBe(false);
    expect(ana.received.slice(anaStart).some((m) => m.threadId === id)).toBe(false);
    // Ana revokes Carl's grant: he is out of her thread at once.
    expect((await ana.client.send('DELETE', `/api/me/caregivers/${carl.id}`)).status).toBe(204);
    const before = carl.received.length;
    sent(await send(ana.socket, anaThread, 'after revoking'));
    expect((await send(carl.socket, anaThread, 'still here?')).ok).toBe(false);
    await sleep(300);
    expect(carl.received.length).toBe(before);
    expect((await ana.client.send('PUT', '/api/me/caregivers', { caregiverId: carl.id, scopes: ['messages'] })).status).toBe(204);
    expect((await threadsOf(carl.client)).map((t) => t.id)).toContain(anaThread);
  });

  it('direct threads between staff, and a consult thread adding the specialist', async () => {
    const res = await nora.client.send('POST', '/api/threads', { kind: 'direct', userId: sam.id });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const again = (await (await nora.client.send('POST', '/api/threads', { kind: 'direct', userId: sam.id })).json()) as { id: string; created: boolean };
    expect(again).toEqual({ id, created: false });
    sent(await send(sam.socket, id, 'direct hello'));
    await until(() => nora.received.some((m) => m.threadId === id), 3000, 'direct delivery');
    expect((await nora.client.send('POST', '/api/threads', { kind: 'direct', userId: ana.id })).status).toBe(404);

    const consultationId = randomUUID();
    const c = await nora.client.send('POST', '/api/threads', { kind: 'consult', patientId: ana.id, specialistId: sam.id, consultationId });
    expect(c.status).toBe(201);
    const consult = (await c.json()) as { id: string };
    const summary = (await threadsOf(sam.client)).find((t) => t.id === consult.id)!;
    expect(summary.kind).toBe('consult');
    expect(summary.members.map((m) => m.role).sort()).toEqual(['caregiver', 'consult_specialist', 'navigator', 'patient']);
    expect((await ben.client.send('POST', '/api/threads', { kind: 'direct', userId: sam.id })).status).toBe(403);
  });
});

describe('S8: malformed input never takes the server down', () => {
  it('1,000 malformed emits and requests are each answered invalid; a valid message still round-trips', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const bad: unknown[] = [
      undefined, null, 42, 'text', true, [], [1, 2], {}, { threadId: 5 },
      { threadId: anaThread }, { threadId: anaThread, clientId: 'not-a-uuid', body: 'x' },
      { threadId: anaThread, clientId: randomUUID(), body: 7 },
      { threadId: anaThread, clientId: randomUUID(), body: '' },
      { threadId: anaThread, clientId: randomUUID(), body: '   ' },
      { threadId: anaThread, clientId: randomUUID(), body: 'x', extra: 1 },
      { threadId: anaThread, clientId: randomUUID(), body: 'x', attachmentIds: 'a' },
      { threadId: anaThread, clientId: randomUUID(), body: 'x', attachmentIds: ['nope'] },
      { threadId: anaThread, clientId: randomUUID(), body: 'x'.repeat(4001) },
      { threadId: anaThread, clientId: randomUUID(), body: 'x'.repeat(500_000) },
      { threadId: anaThread, clientId: randomUUID(), body: { $gt: '' } },
      { __proto__: { body: 'x' }, threadId: anaThread },
    ];
    const events = ['message:send', 'message:sync', 'message:read', 'thread:typing'];
    const codes = new Map<string, number>();
    let n = 0;
    for (let round = 0; n < 800; round++) {
      const batch = [];
      for (const ev of events) for (const payload of bad) batch.push(emitAck<Ack<unknown>>(nora.socket, ev, payload, 10_000));
      for (const a of await Promise.all(batch)) {
        const code = a.ok ? 'ok' : a.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        n++;
      }
    }
    expect([...codes.keys()]).toEqual(['invalid']);
    const requests: Array<[string, string, string | undefined, Record<string, string>?]> = [
      ['POST', `/api/threads/${anaThread}/messages`, '{not json'],
      ['POST', `/api/threads/${anaThread}/messages`, JSON.stringify({ clientId: randomUUID(), body: big })],
      ['POST', `/api/threads/${anaThread}/messages`, JSON.stringify({ clientId: 1, body: 'x' })],
      ['POST', `/api/threads/${anaThread}/messages`, JSON.stringify({ clientId: randomUUID(), body: 'x', extra: true })],
      ['POST', `/api/threads/${anaThread}/messages`, '[]'],
      ['GET', `/api/threads/${anaThread}/messages?limit=abc`, undefined],
      ['GET', `/api/threads/${anaThread}/messages?limit=10&x=1`, undefined],
      ['GET', '/api/threads/not-a-uuid/messages', undefined],
      ['POST', `/api/threads/${anaThread}/read`, JSON.stringify({ seq: -1 })],
      ['PUT', `/api/threads/${anaThread}/mute`, JSON.stringify({ muted: 'yes' })],
      ['POST', '/api/threads', JSON.stringify({ kind: 'care_team' })],
      ['POST', `/api/threads/${anaThread}/attachments`, JSON.stringify({ file: 'x' })],
    ];
    let httpCount = 0;
    while (n + httpCount < 1000) {
      for (const [method, path, body] of requests) {
        if (n + httpCount >= 1000) break;
        const res = await fetch(`${server.url}${path}`, { method, headers: { cookie: nora.client.cookie, 'content-type': 'application/json' }, body });
        const json = (await res.json()) as { error?: { code: string } };
        expect([res.status, json.error?.code, path]).toEqual([400, 'invalid', path]);
        httpCount++;
      }
    }
    expect(n + httpCount).toBe(1000);
    // A 2 MB string is read and refused like any other bad field; a frame past the transport's 3 MB
    // limit closes that one connection, and the server stays up.
    expect(await emitAck<Ack<unknown>>(nora.socket, 'message:send', { threadId: anaThread, clientId: randomUUID(), body: big }, 10_000)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const { socket } = await import('./support.ts').then((s) => s.openSocket(server.url, nora.client.cookie));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('message:send', { threadId: anaThread, clientId: randomUUID(), body: 'x'.repeat(4 * 1024 * 1024) }, () => undefined);
    expect(await closed).toBe('transport close');
    // And a valid message still round-trips.
    const m = sent(await send(nora.socket, anaThread, 'still working'));
    await until(() => ana.received.some((x) => x.id === m.id), 3000, 'delivery after abuse');
  }, 60_000);
});

describe('S9: message rate limit in Redis', () => {
  it('the N+1th message in the window is rate_limited', async () => {
    const saved = messagingSettings.rateLimit;
    messagingSettings.rateLimit = { points: 5, seconds: 60 };
    try {
      const acks = [];
      for (let i = 0; i < 6; i++) acks.push(await send(lead.socket, benThread, `r${i}`));
      // Lead is not on Ben's care team: every attempt counts, and the 6th is refused before any lookup.
      expect(acks.slice(0, 5).every((a) => !a.ok && a.error.code !== 'rate_limited')).toBe(true);
      expect(acks[5]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const keys = await server.deps.redis.keys(`${server.env.REDIS_PREFIX}:rl:message*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      messagingSettings.rateLimit = saved;
    }
  });
});
