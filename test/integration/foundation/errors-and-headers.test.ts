import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN });
});
afterAll(() => server.close());

describe('headers (S20)', () => {
  it('API answers carry CSP, nosniff and no-store', async () => {
    const res = await fetch(`${server.url}/api/me`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('health and readiness answer', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok', redis: 'ok' } });
  });

  it('exposes Prometheus metrics with request latencies, sockets and queue depths', async () => {
    await fetch(`${server.url}/healthz`);
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/wayfinder_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(text).toContain('wayfinder_sockets_connected');
    expect(text).toMatch(/wayfinder_queue_jobs\{queue="notifications",state="waiting"\} 0/);
    // The notice channel is heard (PGlite: at once; PostgreSQL: from its first beat, 200 ms), so the people cache is in use.
    const heardAge = async () => {
      const scraped = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(/^wayfinder_people_notices_heard_age_seconds (\S+)$/m.exec(scraped)?.[1]);
    };
    await expect.poll(heardAge, { timeout: 3000 }).toBeLessThan(1);
    expect(await heardAge()).toBeGreaterThanOrEqual(0);
  });
});

describe('bad input (S8, S19)', () => {
  it('answers non-JSON and oversized bodies with 400 invalid, and keeps serving', async () => {
    const nora = await login(server.url, 'nora@demo.test');
    const notJson = await nora.send('PATCH', '/api/me', '{"locale": ');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid');
    const huge = await nora.send('PATCH', '/api/me', { locale: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    const extra = await nora.send('PATCH', '/api/me', { locale: 'es', isAdmin: true });
    expect(extra.status).toBe(400);
    expect((await nora.send('PATCH', '/api/me', { locale: 'es' })).status).toBe(200);
  });

  it('an unknown API path answers 404 not_found as JSON', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('a failing dependency answers internal with no stack, SQL or driver message', async () => {
    const broken = await startTestServer();
    const nora = await login(broken.url, 'nora@demo.test');
    await broken.deps.database.close();
    const res = await nora.get('/api/caseload');
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong.' } });
    expect(text).not.toMatch(/select|stack|at \w+ \(|PGlite|closed/i);
    await broken.close().catch(() => undefined);
  });
});
