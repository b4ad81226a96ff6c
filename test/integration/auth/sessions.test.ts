import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, connected, login, nextEvent } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Row {
  id: string;
  current: boolean;
  device: string;
  place: string;
  lastSeenAt: string;
}

describe('my sessions', () => {
  it('lists where I am signed in and ends another session, closing its sockets', async () => {
    const laptop = await login(server.url, 'ana@demo.test');
    const phone = await login(server.url, 'ana@demo.test');
    const socket = connectSocket(server.url, phone.cookie);
    await connected(socket);
    const rows = (await (await laptop.get('/api/auth/sessions')).json()) as Row[];
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ place: '127.0.0.0/24' });
    const other = rows.find((r) => !r.current)!;

    const expired = nextEvent<{ reason: string }>(socket, 'session:expired', 2000);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await laptop.send('DELETE', `/api/auth/sessions/${other.id}`)).status).toBe(204);
    expect(await expired).toEqual({ reason: 'logout' });
    await closed;
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    // Someone else's session id answers like a missing one.
    const ben = await login(server.url, 'ben@demo.test');
    const bens = (await (await ben.get('/api/auth/sessions')).json()) as Row[];
    expect((await laptop.send('DELETE', `/api/auth/sessions/${bens[0]!.id}`)).status).toBe(404);
    expect((await ben.get('/api/me')).status).toBe(200);
    socket.close();
  });

  it('ends every other session at once', async () => {
    const here = await login(server.url, 'carl@demo.test');
    const a = await login(server.url, 'carl@demo.test');
    const b = await login(server.url, 'carl@demo.test');
    expect(await (await here.send('DELETE', '/api/auth/sessions')).json()).toEqual({ ended: 2 });
    expect((await a.get('/api/me')).status).toBe(401);
    expect((await b.get('/api/me')).status).toBe(401);
    expect(((await (await here.get('/api/auth/sessions')).json()) as Row[]).map((r) => r.current)).toEqual([true]);
  });
});
