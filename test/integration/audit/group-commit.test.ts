import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let a: TestServer;
let nora: Client;
let ana: Client;

beforeAll(async () => {
  a = await startTestServer();
  nora = await login(a.url, 'nora@demo.test');
  ana = await login(a.url, 'ana@demo.test');
}, 120_000);
afterAll(() => a.close());

const rowsOf = (requestIds: string[]) => a.deps.db.select({ requestId: auditLog.requestId, action: auditLog.action }).from(auditLog).where(inArray(auditLog.requestId, requestIds));

describe('audit rows of concurrent reads commit together (decision 0019)', () => {
  it('every caller returns only once its own row is stored, and a row that cannot be stored fails only its caller', async () => {
    const good = Array.from({ length: 30 }, () => randomUUID());
    const bad = randomUUID();
    const entry = (requestId: string, patientId: string) => ({ actor: nora.me.id, action: 'test.group', patientId, outcome: 'success' as const, requestId });
    const settled = await Promise.allSettled([
      ...good.map(async (requestId) => {
        await a.deps.audit.record(entry(requestId, ana.me.id));
        // Read at once after the caller's own return: its row is already committed.
        return (await rowsOf([requestId])).length;
      }),
      a.deps.audit.record(entry(bad, 'not-a-uuid')),
    ]);
    expect(settled.slice(0, -1)).toEqual(good.map(() => ({ status: 'fulfilled', value: 1 })));
    expect(settled.at(-1)?.status).toBe('rejected');
    expect(await rowsOf([bad])).toEqual([]);
    expect((await rowsOf(good)).length).toBe(good.length);
  });

  it('32 concurrent audited PHI reads each answer 200 with their own audit row', async () => {
    const before = (await a.deps.db.select({ seq: auditLog.seq }).from(auditLog).where(inArray(auditLog.action, ['patient.read']))).length;
    const answers = await Promise.all(Array.from({ length: 32 }, () => nora.get(`/api/patients/${ana.me.id}`)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const after = (await a.deps.db.select({ seq: auditLog.seq }).from(auditLog).where(inArray(auditLog.action, ['patient.read']))).length;
    expect(after - before).toBe(32);
  });
});
