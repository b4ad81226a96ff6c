// Issue 10, item 4: the request-level fixes, each able to fail on the code before them.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { connected, connectSocket, emitAck, login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let server: TestServer;
let ana: Client;
let ben: Client;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN });
  [ana, ben] = await Promise.all([login(server.url, 'ana@demo.test'), login(server.url, 'ben@demo.test')]);
});
afterAll(() => server?.close());

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

async function anasThread(): Promise<string> {
  const { threads } = (await (await ana.get('/api/threads')).json()) as { threads: Array<{ id: string }> };
  const id = threads[0]?.id;
  if (!id) throw new Error('Ana has no thread');
  return id;
}

describe('one idempotency mechanism (S14)', () => {
  it('the same check-in key used by two patients records both check-ins; a different body under one key is refused', async () => {
    const key = { 'idempotency-key': `ecog-${randomUUID()}` };
    const a = await ana.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 } }, key);
    const b = await ben.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 } }, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Array<{ id: string }>;
    expect(ja!.id).not.toBe(jb!.id);
    const again = await ana.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 } }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(ja!.id);
    const changed = await ana.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 2 } }, key);
    expect(changed.status).toBe(409);
    expect(await errorCode(changed)).toBe('conflict');
  });
});

describe('text no person types (S8, S27)', () => {
  it('a message with U+0000 is answered invalid over HTTP and over the socket, and the thread keeps working', async () => {
    const thread = await anasThread();
    const http = await ana.send('POST', `/api/threads/${thread}/messages`, { clientId: randomUUID(), body: 'before\u0000after' });
    expect(http.status).toBe(400);
    expect(await http.json()).toMatchObject({ error: { code: 'invalid', details: [{ path: 'body' }] } });
    const lone = await ana.send('POST', `/api/threads/${thread}/messages`, { clientId: randomUUID(), body: 'half \ud800 a pair' });
    expect(lone.status).toBe(400);
    const socket = connectSocket(server.url, ana.cookie);
    try {
      await connected(socket);
      expect(await emitAck(socket, 'message:send', { threadId: thread, clientId: randomUUID(), body: 'x\u0000y' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await emitAck(socket, 'message:send', { threadId: thread, clientId: randomUUID(), body: 'tab\tand\nnew line are fine' })).toMatchObject({ ok: true });
    } finally {
      socket.disconnect();
    }
  });
});

describe('body limits on every route (S8)', () => {
  it('a body labelled multipart/form-data gets the JSON limit on a JSON route', async () => {
    const big = JSON.stringify({ locale: 'x'.repeat(8 * 1024 * 1024) });
    const res = await ana.send('PATCH', '/api/me', big, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(res.status).toBe(400);
    // Refused for its size before any parsing, not for the locale it names.
    expect(await res.json()).toMatchObject({ error: { code: 'invalid', details: [{ path: 'body', message: 'too_large' }] } });
    expect((await ana.send('PATCH', '/api/me', { locale: 'en' })).status).toBe(200);
  });

  it('malformed JSON on PATCH /api/appointments/:id is invalid, not internal', async () => {
    const res = await ana.send('PATCH', `/api/appointments/${randomUUID()}`, '{"response": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid');
  });
});

describe('request ids and downloads (S10, S22)', () => {
  it('the request id is the server\'s, whatever the client sends, and audit rows carry it', async () => {
    const res = await ana.send('GET', '/api/me', undefined, { 'x-request-id': 'client-chosen-id' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await ana.send('GET', `/api/patients/${ana.me.id}`, undefined, { 'x-request-id': 'attacker-id-1' });
    expect(read.status).toBe(200);
    const rows = await server.deps.db.select().from(auditLog).where(eq(auditLog.requestId, 'attacker-id-1'));
    expect(rows).toHaveLength(0);
    const own = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.requestId, read.headers.get('x-request-id')!), eq(auditLog.actor, ana.me.id)));
    expect(own.length).toBeGreaterThan(0);
  });

  it('a downloaded record keeps its sandboxing CSP', async () => {
    const thread = await anasThread();
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'scan.pdf');
    const up = await fetch(`${server.url}/api/threads/${thread}/attachments`, { method: 'POST', headers: { cookie: ana.cookie }, body: form });
    expect(up.status).toBe(201);
    const { attachment } = (await up.json()) as { attachment: { id: string } };
    const down = await ana.get(`/api/attachments/${attachment.id}`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(down.headers.get('content-disposition')).toMatch(/^attachment;/);
  });
});

describe('/metrics is for Prometheus only', () => {
  it('answers only with the bearer token from the environment', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-00' } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('wayfinder_sockets_connected');
  });

  it('does not exist on a server without a token', async () => {
    const bare = await startTestServer();
    try {
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
