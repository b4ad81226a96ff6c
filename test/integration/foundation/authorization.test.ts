import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/platform/policy.ts';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['ana', 'ben', 'carl', 'nora', 'sam', 'admin']) {
    as[name] = await login(server.url, `${name}@demo.test`);
    ids[name] = as[name].me.id;
  }
});
afterAll(() => server.close());

it('every route declares a policy (SECURITY.md S5)', () => {
  const withPolicy = new Set<string>();
  const all = new Set<string>();
  for (const r of server.app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    all.add(key);
    const h = r.handler as unknown as Record<symbol, unknown>;
    if (h[POLICY]) withPolicy.add(key);
  }
  const missing = [...all].filter((k) => !withPolicy.has(k));
  expect(missing).toEqual([]);
  expect(all.size).toBeGreaterThan(10);
});

type Who = 'anon' | 'ana' | 'ben' | 'carl' | 'nora' | 'sam' | 'admin';
interface Row {
  route: string;
  method: string;
  path: () => string;
  body?: unknown;
  expect: Partial<Record<Who, number>>;
}

// Ana is the owner in every row: Ben is another patient, Carl Ana's caregiver, Nora Ana's navigator,
// Sam a specialist on Ana's care team, the admin runs the organization but is not in anyone's care.
const table: Row[] = [
  { route: 'patient profile', method: 'GET', path: () => `/api/patients/${ids.ana}`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 404 } },
  { route: 'caseload', method: 'GET', path: () => '/api/caseload', expect: { anon: 401, ana: 403, ben: 403, carl: 403, nora: 200, sam: 200, admin: 403 } },
  { route: 'caregiver patients', method: 'GET', path: () => '/api/caregiver/patients', expect: { anon: 401, ana: 403, carl: 200, nora: 403, admin: 403 } },
  { route: 'my caregivers', method: 'GET', path: () => '/api/me/caregivers', expect: { anon: 401, ana: 200, carl: 403, nora: 403, admin: 403 } },
  { route: 'admin users', method: 'GET', path: () => '/api/admin/users', expect: { anon: 401, ana: 403, carl: 403, nora: 403, sam: 403, admin: 200 } },
  { route: 'audit verify', method: 'GET', path: () => '/api/admin/audit/verify', expect: { anon: 401, ana: 403, nora: 403, admin: 200 } },
  { route: 'add care-team member', method: 'POST', path: () => `/api/patients/${ids.ana}/care-team`, body: { userId: 'not-a-uuid' }, expect: { anon: 401, ana: 403, carl: 403, sam: 403, admin: 403, nora: 400 } },
  { route: 'me', method: 'GET', path: () => '/api/me', expect: { anon: 401, ana: 200, carl: 200, nora: 200, admin: 200 } },
];

describe('role x owner x route (S5)', () => {
  for (const row of table) {
    for (const [who, status] of Object.entries(row.expect)) {
      it(`${row.route}: ${who} -> ${status}`, async () => {
        const headers = { 'content-type': 'application/json', ...(who === 'anon' ? {} : { cookie: as[who]!.cookie }) };
        const res = await fetch(`${server.url}${row.path()}`, { method: row.method, headers, body: row.body === undefined ? undefined : JSON.stringify(row.body) });
        expect(res.status).toBe(status);
      });
    }
  }

  it("another patient's record answers exactly like a record that does not exist", async () => {
    const other = await as.ben!.get(`/api/patients/${ids.ana}`);
    const missing = await as.ben!.get('/api/patients/00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
  });

  it('a revoked caregiver grant closes access at once', async () => {
    const carlId = ids.carl!;
    expect((await as.carl!.get(`/api/patients/${ids.ana}`)).status).toBe(200);
    expect((await as.ana!.send('DELETE', `/api/me/caregivers/${carlId}`)).status).toBe(204);
    expect((await as.carl!.get(`/api/patients/${ids.ana}`)).status).toBe(404);
    expect((await as.ana!.send('PUT', '/api/me/caregivers', { caregiverId: carlId, scopes: ['messages'] })).status).toBe(204);
    expect((await as.carl!.get(`/api/patients/${ids.ana}`)).status).toBe(200);
  });

  it('break-glass needs a reason and is audited as emergency (S21)', async () => {
    expect((await as.sam!.get(`/api/patients/${ids.ben}`)).status).toBe(404);
    expect((await as.sam!.send('POST', `/api/patients/${ids.ben}/break-glass`, { reason: 'short' })).status).toBe(400);
    expect((await as.sam!.send('POST', `/api/patients/${ids.ben}/break-glass`, { reason: 'Patient in ER, navigator unreachable', minutes: 30 })).status).toBe(201);
    expect((await as.sam!.get(`/api/patients/${ids.ben}`)).status).toBe(200);
    const rows = await server.deps.database.db.query.auditLog.findMany({ where: (a, { and, eq }) => and(eq(a.actor, ids.sam!), eq(a.patientId, ids.ben!), eq(a.emergency, true)) });
    expect(rows.map((r) => r.action).sort()).toEqual(['break_glass.grant', 'patient.read']);
  });

  it('disabling an account refuses its cookie at once (S7)', async () => {
    const fresh = await login(server.url, 'ben@demo.test');
    expect((await as.admin!.send('PUT', `/api/admin/users/${ids.ben}/disabled`, { disabled: true })).status).toBe(204);
    expect((await fresh.get('/api/me')).status).toBe(401);
    expect((await as.admin!.send('PUT', `/api/admin/users/${ids.ben}/disabled`, { disabled: false })).status).toBe(204);
  });
});
