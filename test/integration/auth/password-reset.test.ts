import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import { connectSocket, connected, login, nextEvent } from '../../support/client.ts';
import { mailText, startSmtpSink } from '../../support/smtp.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { post, resetLimits } from './support.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});
beforeEach(() => resetLimits(server));

/** Waits for the reset mail to this address and returns the token from its link. */
async function resetTokenFor(email: string, already = 0): Promise<{ token: string; text: string }> {
  await expect.poll(() => smtp.mails.filter((m) => m.to.includes(email)).length, { timeout: 10_000 }).toBeGreaterThan(already);
  const text = mailText(smtp.mails.filter((m) => m.to.includes(email)).at(-1)!.raw);
  const link = /(http\S+\/reset-password#[\w-]+)/.exec(text)?.[1];
  // The link points at this server's reset page and carries a 32-byte base64url token.
  expect(link).toMatch(new RegExp(`^${server.deps.config.publicUrl}/reset-password#[\\w-]{43}$`));
  return { token: new URL(link!).hash.slice(1), text };
}

const NEW_PASSWORD = 'river stones under a quiet bridge';

describe('password reset by e-mail (SECURITY.md S26)', () => {
  it('S26: answers 202 for any address; only an account holder gets a one-time, 30-minute link', async () => {
    const unknown = await post(server, '/api/auth/password-reset', { email: 'nobody-here@demo.test' });
    const known = await post(server, '/api/auth/password-reset', { email: 'ben@demo.test' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.text()).toBe(await known.text());
    const { text, token } = await resetTokenFor('ben@demo.test');
    expect(text).toMatch(/30 minutes/);
    expect(smtp.mails.some((m) => m.to.includes('nobody-here@demo.test'))).toBe(false);
    // Stored hashed: the token itself is nowhere in the database.
    const rows = await server.deps.db.execute(sql`select token_hash, round(extract(epoch from expires_at - created_at))::int as ttl from password_resets`);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).toContain('"ttl":1800');
  });

  it('S26: the link sets a new password, ends every session and socket of the user, is audited, and works once', async () => {
    const ana = await login(server.url, 'ana@demo.test');
    const socket = connectSocket(server.url, ana.cookie);
    await connected(socket);
    const expired = nextEvent<{ reason: string }>(socket, 'session:expired', 5000);
    const before = smtp.mails.length;
    expect((await post(server, '/api/auth/password-reset', { email: 'ana@demo.test' })).status).toBe(202);
    const { token } = await resetTokenFor('ana@demo.test', smtp.mails.slice(0, before).filter((m) => m.to.includes('ana@demo.test')).length);

    const common = await post(server, '/api/auth/password-reset/confirm', { token, password: 'password123456' });
    expect(common.status).toBe(400);
    expect(await common.json()).toMatchObject({ error: { code: 'invalid', details: [{ path: 'password', message: 'too_common' }] } });

    const done = await post(server, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(204);
    await expired;
    expect((await ana.get('/api/me')).status).toBe(401);
    socket.close();
    expect((await post(server, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(404);
    expect((await post(server, '/api/auth/login', { email: 'ana@demo.test', password: DEMO_PASSWORD })).status).toBe(401);
    await login(server.url, 'ana@demo.test', NEW_PASSWORD);
    const audit = await server.deps.db.execute(sql`select action, outcome from audit_log where action like 'auth.password_reset%'`);
    expect(JSON.stringify(audit)).toContain('auth.password_reset.confirm');
  });

  it('S26: a signed-in user changes the password with the current one; other sessions end', async () => {
    const here = await login(server.url, 'carl@demo.test');
    const elsewhere = await login(server.url, 'carl@demo.test');
    const wrong = await here.send('POST', '/api/auth/password', { currentPassword: 'not-the-password', password: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { details: [{ path: 'currentPassword', message: 'incorrect' }] } });
    const short = await here.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, password: 'short pass' });
    expect(await short.json()).toMatchObject({ error: { details: [{ path: 'password', message: 'too_short' }] } });
    expect((await here.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, password: NEW_PASSWORD })).status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    await login(server.url, 'carl@demo.test', NEW_PASSWORD);
  });
});
