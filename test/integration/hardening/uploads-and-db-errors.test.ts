// Issue 10 item 4: per-user upload quota, cleanup of unsent uploads, database errors logged without parameters.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUnsentUploads, UNSENT_MAX_FILES } from '../../../src/messaging/attachments.ts';
import { messageAttachments } from '../../../src/messaging/tables.ts';
import { errorFacts } from '../../../src/platform/error-facts.ts';
import { toAppError } from '../../../src/platform/errors.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
let ben: Client;
beforeAll(async () => {
  server = await startTestServer();
  ben = await login(server.url, 'ben@demo.test');
});
afterAll(() => server?.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(thread: string) {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
  return fetch(`${server.url}/api/threads/${thread}/attachments`, { method: 'POST', headers: { cookie: ben.cookie }, body: form });
}

describe('uploads (S22)', () => {
  it('caps unsent uploads per user, and the cleanup removes those older than a day with their files', async () => {
    const { threads } = (await (await ben.get('/api/threads')).json()) as { threads: Array<{ id: string }> };
    const thread = threads[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < UNSENT_MAX_FILES; i++) {
      const res = await upload(thread);
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { attachment: { id: string } }).attachment.id);
    }
    const over = await upload(thread);
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ error: { code: 'rate_limited', details: [{ path: 'file', message: 'quota' }] } });

    const root = server.deps.config.uploadDir;
    expect(existsSync(join(root, ids[0]!))).toBe(true);
    // A day is not yet over: nothing goes.
    expect(await removeUnsentUploads(server.deps)).toBe(0);
    expect(await removeUnsentUploads(server.deps, new Date(Date.now() + 25 * 3600_000))).toBe(UNSENT_MAX_FILES);
    expect(existsSync(join(root, ids[0]!))).toBe(false);
    const [left] = await server.deps.db.select({ n: sql<number>`count(*)::int` }).from(messageAttachments).where(sql`${messageAttachments.uploaderId} = ${ben.me.id}`);
    expect(Number(left!.n)).toBe(0);
    expect((await upload(thread)).status).toBe(201);
  });
});

describe('database errors (S27)', () => {
  it('are mapped to a stable code and described by type and SQLSTATE only, never with the query\'s parameters', async () => {
    const canary = 'CANARY-8f3a-private-words';
    const failure = await server.deps.db.execute(sql`select ${`${canary}`}::int`).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    // The driver's own message names the parameter; what we log must not.
    expect(String((failure as Error).message) + String(((failure as Error).cause as Error | undefined)?.message ?? '')).toContain(canary);
    const facts = errorFacts(failure);
    expect(facts.code).toBe('22P02');
    expect(JSON.stringify(facts)).not.toContain(canary);
    expect(toAppError(failure).code).toBe('invalid');
  });
});
