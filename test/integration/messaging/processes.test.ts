import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../../src/contracts/messaging.ts';
import { clientFor, emitAck } from '../../support/client.ts';
import { childEnv, startChild, type ChildServer } from './child-server.ts';
import { careTeamThreadId, openSocket, person, send, sent, sleep, until, type Ack } from './support.ts';

const children: ChildServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every value stored under a prefix, whatever the key's type (strings, hashes, lists, sets, zsets, streams). */
async function dumpRedis(redis: Redis, prefix: string): Promise<{ keys: string[]; text: string }> {
  const keys = await redis.keys(`${prefix}:*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push((await redis.getBuffer(key))?.toString('latin1') ?? '');
    else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, '0', '-1')));
    else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    else parts.push(`(${type})`);
  }
  return { keys, text: parts.join('\n') };
}

describe('S12: no PHI in logs or job data', () => {
  it('a message with a canary string: zero hits in trace-level logs and in every Redis value, BullMQ jobs included', async () => {
    const env = await childEnv({ LOG_LEVEL: 'trace' });
    const server = await startChild(env);
    children.push(server);
    const canary = `CANARY-${randomUUID()}`;
    const ana = await person(server.url, 'ana');
    const nora = await person(server.url, 'nora');
    const thread = await careTeamThreadId(ana.client, ana.id);
    // Nora goes offline, so the message queues a delayed e-mail job for her (and for Sam and Carl).
    nora.socket.disconnect();
    const m = sent(await send(ana.socket, thread, `My results: ${canary}. I have chest pain ${canary}`));
    const rest = await ana.client.send('POST', `/api/threads/${thread}/messages`, { clientId: randomUUID(), body: `again ${canary}` });
    expect(rest.status).toBe(201);
    // Errors carrying the canary: unknown thread, bad payload, an attachment upload of the wrong type.
    await send(ana.socket, randomUUID(), canary);
    await emitAck(ana.socket, 'message:send', { threadId: thread, clientId: randomUUID(), body: canary, [canary]: canary });
    const form = new FormData();
    form.append('file', new Blob([canary], { type: 'application/pdf' }), `${canary}.pdf`);
    expect((await fetch(`${server.url}/api/threads/${thread}/attachments`, { method: 'POST', headers: { cookie: ana.client.cookie }, body: form })).status).toBe(400);
    expect((await ana.client.get(`/api/threads/${thread}/messages`)).status).toBe(200);
    await sleep(500);

    const redis = new Redis(env.REDIS_URL!);
    try {
      const dump = await dumpRedis(redis, env.REDIS_PREFIX!);
      const jobs = dump.keys.filter((k) => /:bull:notifications:msg-/.test(k));
      expect(jobs.length).toBeGreaterThan(0);
      expect(dump.text).toContain(m.threadId);
      expect(dump.text).not.toContain(canary);
    } finally {
      redis.disconnect();
    }
    const logs = server.output();
    writeFileSync(join(tmpdir(), 'wayfinder-s12-log.txt'), logs);
    // Real output was captured: the request log lines of this very test are there.
    expect(logs).toContain('"route":"/api/threads/:id/messages"');
    expect(logs.split(canary).length - 1).toBe(0);
    ana.socket.disconnect();
  }, 90_000);
});

describe('S17: the server is killed between the write and the ack', () => {
  it('after restart and reconnect: one stored copy, the recipient sees the id once, missed messages replayed', async () => {
    const clientId = randomUUID();
    const dir = mkdtempSync(join(tmpdir(), 'wayfinder-s17-'));
    dirs.push(dir);
    const env = await childEnv({ LOG_LEVEL: 'warn', PGLITE_DIR: join(dir, 'pglite') });
    const first = await startChild({ ...env, WAYFINDER_FAULT: `crash-after-persist:${clientId}` });
    children.push(first);
    const ana = await person(first.url, 'ana');
    const nora = await person(first.url, 'nora');
    const thread = await careTeamThreadId(ana.client, ana.id);
    const lastSeen = sent(await send(nora.socket, thread, 'before the crash')).seq;

    const ack = send(ana.socket, thread, 'written, then the server died', clientId).then(
      () => 'acked',
      () => 'no ack',
    );
    expect(await first.exited).toBe(null); // killed by SIGKILL
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(await ack).toBe('no ack');

    const second = await startChild(env);
    children.push(second);
    // Ana reconnects (same session: it lives in Redis) and resends with the same client id.
    const anaAgain = await openSocket(second.url, ana.client.cookie);
    const noraAgain = await openSocket(second.url, nora.client.cookie);
    const stored = sent(await send(anaAgain.socket, thread, 'written, then the server died', clientId));
    const other = sent(await send(anaAgain.socket, thread, 'and one more after the restart'));
    // Nora catches up from her last sequence number; live deliveries and the catch-up merge by id.
    const sync = await emitAck<Ack<SyncResult>>(noraAgain.socket, 'message:sync', { threadId: thread, after: lastSeen });
    if (!sync.ok) throw new Error(sync.error.code);
    await until(() => noraAgain.received.some((m) => m.id === other.id), 3000, 'live delivery after restart');
    const copies = sync.data.messages.filter((m) => m.clientId === clientId);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.id).toBe(stored.id);
    expect(noraAgain.received.filter((m) => m.id === stored.id).length).toBeLessThanOrEqual(1);
    const merged = new Map([...sync.data.messages, ...noraAgain.received].map((m) => [m.id, m]));
    expect([...merged.values()].filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect([...merged.keys()]).toEqual(expect.arrayContaining([stored.id, other.id]));
    // History holds exactly one row for the client id.
    const page = (await (await clientFor(second.url, ana.client.cookie, ana.client.me).get(`/api/threads/${thread}/messages?after=${lastSeen}`)).json()) as SyncResult;
    expect(page.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    anaAgain.socket.disconnect();
    noraAgain.socket.disconnect();
    nora.socket.disconnect();
    ana.socket.disconnect();
  }, 150_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL and one Redis', () => {
  it('a message sent through process A reaches a member connected to process B', async () => {
    const env = await childEnv({ LOG_LEVEL: 'warn' });
    const a = await startChild(env);
    children.push(a);
    const b = await startChild(env);
    children.push(b);
    const ana = await person(a.url, 'ana');
    const noraOnB = await person(b.url, 'nora');
    const thread = await careTeamThreadId(ana.client, ana.id);
    const m = sent(await send(ana.socket, thread, 'across processes'));
    await until(() => noraOnB.received.some((x) => x.id === m.id), 5000, 'delivery to process B');
    const reply = sent(await send(noraOnB.socket, thread, 'and back'));
    await until(() => ana.received.some((x) => x.id === reply.id), 5000, 'delivery to process A');
    ana.socket.disconnect();
    noraOnB.socket.disconnect();
  }, 90_000);
});
