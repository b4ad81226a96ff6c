import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, connectSocket, connected, login, nextEvent } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('login and session', () => {
  it('logs in with the demo password and answers /api/me', async () => {
    const ana = await login(server.url, 'ana@demo.test');
    const res = await ana.get('/api/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'patient', name: 'Ana García', locale: 'en' });
  });

  it('sets an HttpOnly SameSite cookie, not Secure outside production', async () => {
    const res = await post('/api/auth/login', { email: 'ben@demo.test', password: 'demo-pass-1234' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/wf_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('answers 401 unauthorized for a wrong password and for an unknown e-mail, with the same body', async () => {
    const wrong = await post('/api/auth/login', { email: 'nora@demo.test', password: 'not-the-password' });
    const unknown = await post('/api/auth/login', { email: 'nobody@demo.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('answers 400 invalid with the field named for a malformed login', async () => {
    const res = await post('/api/auth/login', { email: 'not-an-email', password: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers 429 after N failed logins, even with the right password (S9)', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/api/auth/login', { email: 'sam@demo.test', password: 'wrong-password' })).status).toBe(401);
    const blocked = await post('/api/auth/login', { email: 'sam@demo.test', password: 'demo-pass-1234' });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('logout ends the session: the old cookie is refused and its sockets are closed (S7)', async () => {
    const carl = await login(server.url, 'carl@demo.test');
    const socket = connectSocket(server.url, carl.cookie);
    await connected(socket);
    const expired = nextEvent<{ reason: string }>(socket, 'session:expired', 1000);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await carl.send('POST', '/api/auth/logout')).status).toBe(204);
    expect(await expired).toEqual({ reason: 'logout' });
    await disconnected;
    expect((await carl.get('/api/me')).status).toBe(401);
    socket.close();
  });

  it('an unknown session cookie is unauthorized', async () => {
    const forged = clientFor(server.url, 'wf_session=forged-token-value', { id: '', role: '', name: '', locale: '' });
    expect((await forged.get('/api/me')).status).toBe(401);
  });
});

describe('socket handshake authentication (S2)', () => {
  it.each([
    ['no cookie', undefined],
    ['a tampered cookie', 'wf_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s with connect_error unauthorized', async (_label, cookie) => {
    const socket = connectSocket(server.url, cookie);
    await expect(connected(socket)).rejects.toMatchObject({ code: 'unauthorized' });
    socket.close();
  });

  it('accepts a live session and answers session:ping', async () => {
    const nora = await login(server.url, 'nora@demo.test');
    const socket = connectSocket(server.url, nora.cookie);
    await connected(socket);
    const reply = (await socket.timeout(2000).emitWithAck('session:ping', {})) as { ok: boolean };
    expect(reply.ok).toBe(true);
    socket.close();
  });
});

describe('origin checks (S3)', () => {
  it('refuses a state-changing request from a foreign origin and accepts our own', async () => {
    const evil = await post('/api/auth/login', { email: 'ana@demo.test', password: 'demo-pass-1234' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const ours = await post('/api/auth/login', { email: 'ana@demo.test', password: 'demo-pass-1234' }, { origin: server.url });
    expect(ours.status).toBe(200);
  });

  it('refuses a socket handshake from a foreign origin', async () => {
    const ana = await login(server.url, 'ana@demo.test');
    const evil = connectSocket(server.url, ana.cookie, { origin: 'https://evil.example' });
    await expect(connected(evil)).rejects.toBeDefined();
    evil.close();
    const ours = connectSocket(server.url, ana.cookie, { origin: server.url });
    await connected(ours);
    ours.close();
  });
});
