import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import { clientFor, connectSocket, connected, login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { cookiesOf, post, resetLimits } from './support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => resetLimits(server));

/** Password step only: the answer and a client holding whatever session cookie it set. */
async function passwordStep(email: string) {
  const res = await post(server, '/api/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  const client = clientFor(server.url, `wf_session=${cookiesOf(res).wf_session}`, { id: '', role: '', name: '', locale: '' });
  return { body: (await res.json()) as Record<string, unknown>, client };
}

/** The client with the session cookie a response replaced, if it set one. */
const withNewCookie = (client: Client, res: Response) => {
  const next = cookiesOf(res).wf_session;
  return next ? clientFor(server.url, `wf_session=${next}`, client.me) : client;
};

/** A code that is surely not the right one. */
const other = (right: string) => (right === '000000' ? '111111' : '000000');
const code = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

let noraSecret = '';
let noraRecovery: string[] = [];

describe('second factor for staff (SECURITY.md S26)', () => {
  it('S26: a navigator enrols TOTP from a QR code and receives ten one-time recovery codes', async () => {
    const nora = await login(server.url, 'nora@demo.test');
    const setup = (await (await nora.send('POST', '/api/auth/mfa/totp/setup')).json()) as { secret: string; uri: string; qr: string };
    expect(setup.qr).toMatch(/^data:image\/png;base64,/);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Wayfinder:/);
    expect((await nora.send('POST', '/api/auth/mfa/totp/confirm', { code: other(await code(setup.secret)) })).status).toBe(400);
    const confirmed = await nora.send('POST', '/api/auth/mfa/totp/confirm', { code: await code(setup.secret) });
    expect(confirmed.status).toBe(201);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(new Set(recoveryCodes).size).toBe(10);
    noraSecret = setup.secret;
    noraRecovery = recoveryCodes;
    expect(await (await nora.get('/api/auth/mfa')).json()).toMatchObject({ eligible: true, totp: true, recoveryCodesLeft: 10 });
  });

  it('S26: login then answers {mfa: required} with a session that can do nothing but prove the factor', async () => {
    const { body, client } = await passwordStep('nora@demo.test');
    expect(body).toEqual({ mfa: 'required', methods: ['totp', 'recovery'] });
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/caseload')).status).toBe(401);
    const socket = connectSocket(server.url, client.cookie);
    await expect(connected(socket)).rejects.toMatchObject({ code: 'unauthorized' });
    socket.close();

    expect((await client.send('POST', '/api/auth/mfa', { code: other(await code(noraSecret, 1)) })).status).toBe(401);
    const proved = await client.send('POST', '/api/auth/mfa', { code: await code(noraSecret, 1) });
    expect(proved.status).toBe(204);
    const full = withNewCookie(client, proved);
    expect(full.cookie).not.toBe(client.cookie);
    expect((await full.get('/api/me')).status).toBe(200);
    // The token seen before the second factor is worthless after it.
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('S26: a recovery code signs in once', async () => {
    const first = await passwordStep('nora@demo.test');
    expect((await first.client.send('POST', '/api/auth/mfa', { code: noraRecovery[0] })).status).toBe(204);
    const second = await passwordStep('nora@demo.test');
    expect((await second.client.send('POST', '/api/auth/mfa', { code: noraRecovery[0] })).status).toBe(401);
  });

  it('S26: break-glass needs a second factor proven within the last 15 minutes', async () => {
    // Sam, a specialist outside Ben's care, enrols an authenticator app (this session proves it now).
    const sam = await login(server.url, 'sam@demo.test');
    const { secret } = (await (await sam.send('POST', '/api/auth/mfa/totp/setup')).json()) as { secret: string };
    const enrolled = await sam.send('POST', '/api/auth/mfa/totp/confirm', { code: await code(secret) });
    const { recoveryCodes } = (await enrolled.json()) as { recoveryCodes: string[] };
    const ben = await login(server.url, 'ben@demo.test');
    const breakGlass = (reason: string) => sam.send('POST', `/api/patients/${ben.me.id}/break-glass`, { reason, minutes: 30 });
    // Sixteen minutes later (the session's factor time moved back):
    const session = (await server.deps.sessions.peek(sam.cookie.split('=')[1]!))!;
    await server.deps.redis.set(server.deps.key('sess', session.id), JSON.stringify({ ...session, factorAt: Date.now() - 16 * 60_000 }), 'KEEPTTL');
    const refused = await breakGlass('Patient in the emergency room, navigator unreachable');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden', details: [{ path: 'mfa', message: 'step_up_required' }] } });
    // Step-up in the same session, then the grant goes through.
    expect((await sam.send('POST', '/api/auth/mfa', { code: recoveryCodes[0] })).status).toBe(204);
    expect((await breakGlass('Patient in the emergency room, navigator unreachable')).status).toBe(201);
  });

  it('S26: an organization can require staff to enrol; patients are not asked', async () => {
    const admin = await login(server.url, 'admin@demo.test');
    expect(await (await admin.get('/api/auth/org-settings')).json()).toEqual({ requireStaffMfa: false });
    expect((await admin.send('PUT', '/api/auth/org-settings', { requireStaffMfa: true })).status).toBe(200);
    try {
      expect((await passwordStep('ana@demo.test')).body).toHaveProperty('user');
      const { body, client } = await passwordStep('lead@demo.test');
      expect(body).toEqual({ mfa: 'enrol', methods: ['totp', 'passkey'] });
      expect((await client.get('/api/me')).status).toBe(401);
      const { secret } = (await (await client.send('POST', '/api/auth/mfa/totp/setup')).json()) as { secret: string };
      const enrolled = await client.send('POST', '/api/auth/mfa/totp/confirm', { code: await code(secret) });
      expect(enrolled.status).toBe(201);
      expect(((await enrolled.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
      expect((await withNewCookie(client, enrolled).get('/api/me')).status).toBe(200);
    } finally {
      await admin.send('PUT', '/api/auth/org-settings', { requireStaffMfa: false });
    }
  });
});
