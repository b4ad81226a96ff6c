import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDbProbe, type ProbeFigures } from '../../../bench/db-probe.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { careTeamThreadId, person, send, sent, setWorkingHours, threadsOf, type Person } from './support.ts';

// Counts every statement the in-process server sends, on PGlite or PostgreSQL (decision 0023).
const probe = installDbProbe();
let server: TestServer;
let ben: Person, nora: Person, sam: Person;
let benThread: string;

beforeAll(async () => {
  server = await startTestServer();
  await setWorkingHours(server.deps, 'always');
  [ben, nora, sam] = (await Promise.all(['ben', 'nora', 'sam'].map((n) => person(server.url, n)))) as [Person, Person, Person];
  benThread = await careTeamThreadId(ben.client, ben.id);
});
afterAll(async () => {
  for (const p of [ben, nora, sam]) p?.socket.disconnect();
  await server?.close();
});

/** Statements of each shape sent between two snapshots, by the start of their text. */
const sentSince = (before: ProbeFigures, start: string) =>
  Object.entries(probe.snapshot().byStatement)
    .filter(([shape]) => shape.startsWith(start))
    .reduce((n, [shape, count]) => n + count - (before.byStatement[shape] ?? 0), 0);

describe('a send to a known care-team thread (decision 0023)', () => {
  it('reads nothing before its one statement, yet someone added to the care team since gets it, and someone removed cannot send', async () => {
    sent(await send(ben.socket, benThread, 'first: this process learns the thread'));
    const before = probe.snapshot();
    const m = sent(await send(ben.socket, benThread, 'second: no read before the insert'));
    expect(sentSince(before, 'select "message_threads"')).toBe(0);
    expect(sentSince(before, 'with "bump" as (update "message_threads"')).toBe(1);
    await expect.poll(() => nora.received.some((r) => r.id === m.id)).toBe(true);

    // Sam joins Ben's care team: the next send stores him as a member and delivers to him.
    expect((await nora.client.send('POST', `/api/patients/${ben.id}/care-team`, { userId: sam.id, role: 'specialist' })).status).toBe(204);
    const joined = sent(await send(ben.socket, benThread, 'welcome, doctor'));
    await expect.poll(() => sam.received.some((r) => r.id === joined.id)).toBe(true);
    expect((await threadsOf(sam.client)).map((t) => t.id)).toContain(benThread);
    sent(await send(sam.socket, benThread, 'glad to help'));

    // Removed again: his sends are refused and the patient's next message does not reach him.
    expect((await nora.client.send('DELETE', `/api/patients/${ben.id}/care-team/${sam.id}`)).status).toBe(204);
    const refused = await send(sam.socket, benThread, 'still here?');
    expect(refused.ok === false && refused.error.code).toBe('not_found');
    const after = sent(await send(ben.socket, benThread, 'after the removal'));
    await expect.poll(() => nora.received.some((r) => r.id === after.id)).toBe(true);
    expect(sam.received.some((r) => r.id === after.id)).toBe(false);
    expect((await threadsOf(sam.client)).map((t) => t.id)).not.toContain(benThread);
  });
});
