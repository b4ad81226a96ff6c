import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import { login } from '../../support/client.ts';
import { mailText, startSmtpSink } from '../../support/smtp.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { cookiesOf, post, resetLimits } from './support.ts';

const LIMIT = 5;
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ LOGIN_MAX_FAILURES: String(LIMIT), SMTP_URL: smtp.url, PASSWORD_HASH_CONCURRENCY: '2', PASSWORD_HASH_QUEUE: '8' });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});
beforeEach(() => resetLimits(server));

const attempt = (email: string, password: string, cookie?: string) => post(server, '/api/auth/login', { email, password }, cookie ? { cookie } : {});

/** Signs in once as the owner and returns the device cookie that browser now holds. */
async function ownerDevice(email: string): Promise<string> {
  const res = await attempt(email, DEMO_PASSWORD);
  expect(res.status).toBe(200);
  const device = cookiesOf(res).wf_device;
  // A signed device id: value and signature, not any non-empty string.
  expect(device).toMatch(/^[\w-]{16,}\.[\w-]{16,}$/);
  await resetLimits(server);
  return `wf_device=${device}`;
}

describe('login throttling (SECURITY.md S25)', () => {
  it('S25: 41 parallel guesses, the right password among them, check at most the limit', async ({ annotate }) => {
    const guesses = Array.from({ length: 41 }, (_, i) => (i === 20 ? DEMO_PASSWORD : `wrong-guess-${i}-xx`));
    const started = performance.now();
    const statuses = await Promise.all(guesses.map((p) => attempt('sam@demo.test', p).then((r) => r.status)));
    const ms = Math.round(performance.now() - started);
    const checked = statuses.filter((s) => s === 401 || s === 200).length;
    const refused = statuses.filter((s) => s === 429).length;
    // The measured figures go into the report (vitest annotations).
    await annotate(`S25 race: 41 parallel guesses -> ${checked} checked (${statuses.filter((s) => s === 200).length} right), ${refused} refused 429 before any hash, in ${ms} ms`);
    expect(checked).toBeLessThanOrEqual(LIMIT);
    expect(refused).toBe(41 - checked);
    // The window is spent: the right password from this client is refused too, without a check.
    expect((await attempt('sam@demo.test', DEMO_PASSWORD)).status).toBe(429);
  });

  it('S25: 300 failures from one client get 429 while the owner still signs in ahead of them', async ({ annotate }) => {
    const device = await ownerDevice('nora@demo.test');
    const q0 = performance.now();
    expect((await attempt('nora@demo.test', DEMO_PASSWORD, device)).status).toBe(200);
    const quietMs = Math.round(performance.now() - q0);
    await resetLimits(server);
    const timings: number[] = [];
    const statuses: number[] = [];
    const flood = Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const t0 = performance.now();
        const res = await attempt(`stranger-${i}@flood.test`, `wrong-password-${i}`);
        timings.push(performance.now() - t0);
        statuses.push(res.status);
      }),
    );
    // The real login starts while the flood is in flight.
    await expect.poll(() => statuses.length, { interval: 5, timeout: 15_000 }).toBeGreaterThan(10);
    const t0 = performance.now();
    const real = await attempt('nora@demo.test', DEMO_PASSWORD, device);
    const realMs = Math.round(performance.now() - t0);
    await flood;
    const refused = statuses.filter((s) => s === 429).length;
    const sorted = [...timings].sort((a, b) => a - b);
    await annotate(
      `S25 flood: 300 bad logins from one client -> ${refused} x 429, ${statuses.filter((s) => s === 401).length} x 401; ` +
        `flood p50 ${Math.round(sorted[150] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms; owner's login during the flood ${real.status} in ${realMs} ms (${quietMs} ms without the flood)`,
    );
    expect(real.status).toBe(200);
    expect(refused).toBeGreaterThanOrEqual(300 - 30);
    // The owner's hash jumps the bounded queue, so it answers ahead of the bulk of the flood. Against the
    // flood's median (mostly 429s, which hash nothing) a login that hashes was within 50 ms either way on a
    // shared 2-core machine running other suites, so the bar is the 90th percentile.
    // The 1-second target itself is measured by `npm run bench -- login` (speed targets live in bench/).
    expect(realMs).toBeLessThan(sorted[270] ?? 0);
    // 300 real requests through the whole stack on a shared 2-core machine: more than the default 20 s.
  }, 90_000);

  it('S25: a third party cannot lock the owner out of their known device', async () => {
    const device = await ownerDevice('ben@demo.test');
    for (let i = 0; i < LIMIT; i++) expect((await attempt('ben@demo.test', `attacker-guess-${i}`)).status).toBe(401);
    // The attacker's client is locked for this account, even with the right password ...
    const locked = await attempt('ben@demo.test', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // ... and the owner, on their device, is not.
    expect((await attempt('ben@demo.test', DEMO_PASSWORD, device)).status).toBe(200);
  });

  it('S25: wrong guesses on the known device slow it down progressively instead of locking it', async () => {
    const device = await ownerDevice('carl@demo.test');
    // Ten free attempts, then one attempt per delay (1 s, 2 s, 4 s, ... up to a minute): the next guesses
    // soon arrive inside their delay and are refused, however slow the machine is.
    for (let i = 0; i < 10; i++) expect((await attempt('carl@demo.test', `typo-${i}-password`, device)).status).toBe(401);
    let slowed: Response | undefined;
    for (let i = 10; i < 20 && !slowed; i++) {
      const res = await attempt('carl@demo.test', `typo-${i}-password`, device);
      if (res.status === 429) slowed = res;
      else expect(res.status).toBe(401);
    }
    expect(slowed?.status).toBe(429);
    expect(Number(slowed?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(slowed?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Not locked: once the delay has passed, the owner's right password works.
    await expect.poll(async () => (await attempt('carl@demo.test', DEMO_PASSWORD, device)).status, { interval: 500, timeout: 60_000 }).toBe(200);
  }, 90_000);

  it('S25: an invitation answers the same whether or not the e-mail has an account; the owner is told instead', async () => {
    const admin = await login(server.url, 'admin@demo.test');
    const invite = (email: string) => admin.send('POST', '/api/invitations', { email, name: 'Someone', role: 'navigator', locale: 'en' });
    const fresh = await invite('newcomer@demo.test');
    const taken = await invite('nora@demo.test');
    expect(fresh.status).toBe(201);
    expect(taken.status).toBe(201);
    const [a, b] = [(await fresh.json()) as Record<string, string>, (await taken.json()) as Record<string, string>];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes('nora@demo.test')).length).toBe(1);
    const toNora = mailText(smtp.mails.find((m) => m.to.includes('nora@demo.test'))!.raw);
    expect(toNora).toMatch(/already have an account/i);
    expect(toNora).not.toContain('/invite/');
    // The link given to the inviter for an existing account can never create a second account.
    const token = new URL(b.link!).pathname.split('/').pop();
    expect((await post(server, '/api/invitations/accept', { token, password: 'a long and unusual passphrase' })).status).toBe(404);
  });
});
