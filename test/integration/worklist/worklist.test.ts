import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worklist } from '../../../src/contracts/worklist.ts';
import type { ThreadSummary } from '../../../src/contracts/messaging.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { ESAS_ZERO, submit } from '../checkins/helpers.ts';

let server: TestServer;
let nora: Client;
let ana: Client;
let ben: Client;

beforeAll(async () => {
  server = await startTestServer();
  [nora, ana, ben] = await Promise.all([login(server.url, 'nora@demo.test'), login(server.url, 'ana@demo.test'), login(server.url, 'ben@demo.test')]);
});
afterAll(async () => {
  await server.close();
});

const worklist = async (c: Client) => (await (await c.get('/api/worklist')).json()) as Worklist;

describe('the navigator worklist', () => {
  it('puts urgent alerts first, then threads awaiting a reply with the time they have waited since', async () => {
    const before = await worklist(nora);
    expect(before.alerts).toEqual([]);
    expect(before.threads).toEqual([]);
    // A task due in two hours is on the worklist; one due next week is not.
    const dueSoon = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const made = await nora.send('POST', '/api/tasks', { patientId: ana.me.id, type: 'insurance_authorization', dueAt: dueSoon });
    expect(made.status).toBe(201);
    const soon = ((await made.json()) as { task: { id: string } }).task;
    const later = ((await (await nora.send('POST', '/api/tasks', { patientId: ana.me.id, type: 'other', title: 'Next week', dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() })).json()) as { task: { id: string } }).task;
    const listed = (await worklist(nora)).tasks;
    expect(listed).toContainEqual(expect.objectContaining({ id: soon.id, patientName: 'Ana García', type: 'insurance_authorization', title: null, overdue: false }));
    expect(listed.some((t) => t.id === later.id)).toBe(false);

    const [thread] = ((await (await ana.get('/api/threads')).json()) as { threads: ThreadSummary[] }).threads;
    // Nora wrote last; then Ana writes twice.
    expect((await nora.send('POST', `/api/threads/${thread!.id}/messages`, { clientId: crypto.randomUUID(), body: 'How are you today?' })).status).toBe(201);
    const sentAt = Date.now();
    for (const body of ['My pain is worse since yesterday.', 'And I could not sleep.']) {
      const res = await ana.send('POST', `/api/threads/${thread!.id}/messages`, { clientId: crypto.randomUUID(), body });
      expect(res.status).toBe(201);
    }
    const moderate = await submit(ben, 'esas-r', { ...ESAS_ZERO, tiredness: 7 });
    const urgent = await submit(ana, 'esas-r', { ...ESAS_ZERO, pain: 10 });
    expect(urgent.alerts[0]!.severity).toBe('urgent');

    const list = await worklist(nora);
    expect(list.alerts.map((a) => a.id)).toEqual([urgent.alerts[0]!.id]);
    expect(list.alerts[0]).toMatchObject({ patientName: 'Ana García', severity: 'urgent', status: 'open' });
    expect(list.alerts[0]!.reasons.length).toBeGreaterThan(0);
    // A moderate alert within its deadline is for the triage queue, not the top of the day.
    expect(list.alerts.some((a) => a.id === moderate.alerts[0]?.id)).toBe(false);

    expect(list.threads).toHaveLength(1);
    expect(list.threads[0]).toMatchObject({ id: thread!.id, patientName: 'Ana García' });
    // Ana's two messages (and an out-of-hours answer, depending on the clock) are unread.
    expect(list.threads[0]!.unread).toBeGreaterThanOrEqual(2);
    // Waiting since the first unanswered message, not the last one.
    const since = Date.parse(list.threads[0]!.awaitingSince!);
    expect(since).toBeGreaterThanOrEqual(sentAt - 1000);
    const [first] = ((await (await nora.get(`/api/threads/${thread!.id}/messages?limit=50`)).json()) as { messages: Array<{ body: string; createdAt: string }> }).messages.filter((m) => m.body.startsWith('My pain'));
    expect(since).toBe(Date.parse(first!.createdAt));

    const inbox = ((await (await nora.get('/api/inbox')).json()) as { threads: ThreadSummary[] }).threads;
    expect(inbox.find((t) => t.id === thread!.id)).toMatchObject({ awaitingReply: true, lastMessagePreview: 'And I could not sleep.' });

    // Nora answers: the thread leaves the worklist.
    await nora.send('POST', `/api/threads/${thread!.id}/messages`, { clientId: crypto.randomUUID(), body: 'I will call you now.' });
    expect((await worklist(nora)).threads).toEqual([]);
  });

  it('is for navigators only', async () => {
    expect((await ana.get('/api/worklist')).status).toBe(403);
    expect((await fetch(`${server.url}/api/worklist`)).status).toBe(401);
  });
});
