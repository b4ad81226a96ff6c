import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../../src/notifications/service.ts';
import { connected, connectSocket, login, nextEvent, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
let nora: Client;
let ana: Client;

beforeAll(async () => {
  server = await startTestServer();
  nora = await login(server.url, 'nora@demo.test');
  ana = await login(server.url, 'ana@demo.test');
});
afterAll(async () => {
  await server.close();
});

const notify = (userId: string, key: string, link: string) =>
  deliver(server.deps, key, { userId, template: 'checkins.alertReassigned', refs: { alert: key }, link, channels: ['inapp'] });

describe('in-app notification centre', () => {
  it('pushes a new notification live, lists it, counts it unread and marks it read', async () => {
    const socket = connectSocket(server.url, nora.cookie);
    await connected(socket);
    try {
      const pushed = nextEvent<{ id: string; link: string }>(socket, 'notification:new');
      await notify(nora.me.id, 'inbox-test-1', '/navigator/alerts/1');
      const live = await pushed;
      expect(live.link).toBe('/navigator/alerts/1');

      const list = (await (await nora.get('/api/notifications')).json()) as { notifications: Array<{ id: string; link: string; readAt: string | null; template: string }>; unread: number };
      expect(list.unread).toBe(1);
      expect(list.notifications[0]).toMatchObject({ id: live.id, link: '/navigator/alerts/1', readAt: null, template: 'checkins.alertReassigned' });

      // Another user's mark-read call cannot touch Nora's notification.
      const foreign = await ana.send('POST', '/api/notifications/read', { ids: [live.id] });
      expect(await foreign.json()).toMatchObject({ marked: 0 });
      expect(await (await nora.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });

      const readEvent = nextEvent<{ unread: number }>(socket, 'notification:read');
      const marked = await nora.send('POST', '/api/notifications/read', { ids: [live.id] });
      expect(await marked.json()).toEqual({ marked: 1, unread: 0 });
      expect(await readEvent).toEqual({ unread: 0 });
      const after = (await (await nora.get('/api/notifications?unread=true')).json()) as { notifications: unknown[] };
      expect(after.notifications).toHaveLength(0);
    } finally {
      socket.close();
    }
  });

  it('marks all read, never links outside the app, and rejects bad input', async () => {
    await notify(ana.me.id, 'inbox-test-2', '/patient/checkin');
    await notify(ana.me.id, 'inbox-test-3', 'https://evil.example/x');
    const list = (await (await ana.get('/api/notifications')).json()) as { notifications: Array<{ link: string }>; unread: number };
    expect(list.unread).toBe(2);
    expect(list.notifications.map((n) => n.link).sort()).toEqual(['/', '/patient/checkin']);
    expect((await ana.send('POST', '/api/notifications/read', { ids: ['not-a-uuid'] })).status).toBe(400);
    expect((await ana.get('/api/notifications?unread=maybe')).status).toBe(400);
    expect(await (await ana.send('POST', '/api/notifications/read', { all: true })).json()).toEqual({ marked: 2, unread: 0 });
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(401);
  });
});
