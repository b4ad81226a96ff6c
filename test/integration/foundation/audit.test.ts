import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditSealer } from '../../../src/platform/audit/sealer.ts';
import { login } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const run = promisify(execFile);

// On disk, so the verify command can open the same database after the server stops.
const dir = mkdtempSync(join(tmpdir(), 'wf-audit-'));
let server: TestServer;
let anaId = '';
let noraId = '';

beforeAll(async () => {
  server = await startTestServer({ PGLITE_DIR: dir, DATABASE_URL: '' });
  const nora = await login(server.url, 'nora@demo.test');
  const ben = await login(server.url, 'ben@demo.test');
  anaId = (await (await login(server.url, 'ana@demo.test')).get('/api/me').then((r) => r.json()) as { id: string }).id;
  noraId = nora.me.id;
  await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nora@demo.test', password: 'wrong-password' }) });
  expect((await nora.get(`/api/patients/${anaId}`)).status).toBe(200);
  expect((await ben.get(`/api/patients/${anaId}`)).status).toBe(404);
  // PGlite on disk migrates slowly on a busy machine.
}, 120_000);
afterAll(() => server.close());

describe('audit controls (S10, S1)', () => {
  it('logs login success and failure, PHI reads and denials, each with UTC time, actor, action, target, outcome, request id', async () => {
    const rows = await server.deps.db.query.auditLog.findMany({ orderBy: (a, { asc }) => asc(a.seq) });
    const find = (action: string, outcome: string, actor?: string) => rows.filter((r) => r.action === action && r.outcome === outcome && (!actor || r.actor === actor));
    expect(find('auth.login', 'success', noraId).length).toBeGreaterThan(0);
    expect(find('auth.login', 'failure', noraId)).toHaveLength(1);
    const read = find('patient.read', 'success', noraId);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ targetType: 'patient', targetId: anaId, patientId: anaId, actorRole: 'navigator' });
    expect(read[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const denied = rows.filter((r) => r.outcome === 'denied' && r.targetId === anaId);
    expect(denied).toHaveLength(1);
    expect(rows.every((r) => r.actor && r.at instanceof Date)).toBe(true);
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(server.deps.db.execute('update audit_log set actor = actor' as never)).rejects.toThrow();
  });
});

describe('audit integrity (S11)', () => {
  it('verify names the sealed row altered by SQL', async () => {
    expect(await new AuditSealer(server.deps.db, server.deps.config.auditSecret).tick()).toBeGreaterThan(5);
    const before = await server.deps.audit.verify();
    expect(before).toMatchObject({ broken: [], unsealed: { rows: 0 } });
    expect(before.rows).toBeGreaterThan(5);
    await server.close();

    const db = await PGlite.create(dir);
    const { rows } = await db.query<{ seq: number }>("select seq from audit_log where action = 'patient.read' limit 1");
    const seq = Number(rows[0]!.seq);
    await db.exec(`alter table audit_log disable trigger audit_log_no_update;
      update audit_log set actor = 'someone-else' where seq = ${seq};`);
    await db.close();

    const cli = await run(process.execPath, ['src/platform/audit/verify-cli.ts'], { env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' } }).catch((e: { stdout: string; code: number }) => e);
    expect('code' in cli ? cli.code : 0).toBe(1);
    expect(cli.stdout).toContain(`seq ${seq} altered`);
  }, 120_000);
});
