import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSocket, connected, login, nextEvent } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

// SECURITY.md S6 with the test timeouts it names: idle 2 s, absolute 5 s.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SESSION_IDLE_SECONDS: '2', SESSION_ABSOLUTE_SECONDS: '5' });
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('an idle session answers 401 and its socket gets session:expired and is disconnected', async () => {
  const ana = await login(server.url, 'ana@demo.test');
  const socket = connectSocket(server.url, ana.cookie);
  await connected(socket);
  const expired = nextEvent<{ reason: string }>(socket, 'session:expired', 4000);
  const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  expect(await expired).toEqual({ reason: 'expired' });
  await disconnected;
  expect((await ana.get('/api/me')).status).toBe(401);
  socket.close();
});

it('activity keeps a session alive until the absolute timeout', async () => {
  const ben = await login(server.url, 'ben@demo.test');
  const started = Date.now();
  while (Date.now() - started < 4000) {
    expect((await ben.get('/api/me')).status).toBe(200);
    await sleep(500);
  }
  await sleep(Math.max(0, 5200 - (Date.now() - started)));
  expect((await ben.get('/api/me')).status).toBe(401);
});
