import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../src/people/tables.ts';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};
const NOBODY = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  server = await startTestServer();
  // Otto: a navigator of the organization on nobody's care team and not its clinical lead.
  const nora = (await server.deps.db.select().from(users).where(eq(users.email, 'nora@demo.test')))[0]!;
  await server.deps.db.insert(users).values({ id: randomUUID(), orgId: nora.orgId, email: 'otto@demo.test', name: 'Otto Navigator', role: 'navigator', passwordHash: nora.passwordHash });
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'otto', 'lead', 'sam', 'rhea', 'admin'], as, ids);
  const res = await as.nora!.send('POST', '/api/tasks', { patientId: ids.ana, type: 'insurance_authorization', dueAt: new Date(Date.now() + 86_400_000).toISOString() });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
  ids.task = ((await res.json()) as { task: { id: string } }).task.id;
}, 60_000);
afterAll(() => server.close());

type Who = 'anon' | 'ana' | 'ben' | 'carl' | 'nora' | 'otto' | 'lead' | 'sam' | 'rhea' | 'admin';
interface Row {
  route: string;
  path: () => string;
  body?: unknown;
  /** A body that needs the ids, built when the test runs. */
  bodyFn?: () => unknown;
  expect: Partial<Record<Who, number>>;
}

// Ana owns the task; Ben is another patient; Carl her caregiver; Nora her navigator; Otto a navigator
// on nobody's care team; Lena (lead) the clinical lead, who reaches every patient of the organization; Sam a specialist on Ana's team; Rhea on no team.
// Writes with a body that fails validation test the role gate; valid bodies test the object gate.
const RULE = { enabled: true, due: { amount: 14, unit: 'days' }, params: {} };
const table: Row[] = [
  { route: 'GET /api/tasks', path: () => '/api/tasks', expect: { anon: 401, ana: 403, carl: 403, nora: 200, lead: 200, sam: 403, admin: 403 } },
  { route: 'POST /api/tasks', path: () => '/api/tasks', body: {}, expect: { anon: 401, ana: 403, carl: 403, nora: 400, sam: 403, admin: 403 } },
  { route: 'POST /api/tasks (other patient)', path: () => '/api/tasks', bodyFn: () => ({ patientId: ids.ana, type: 'other', dueAt: '2030-01-01T10:00:00Z' }), expect: { otto: 404 } },
  { route: 'GET /api/tasks/measures', path: () => '/api/tasks/measures', expect: { anon: 401, ana: 403, nora: 200, sam: 403, admin: 403 } },
  { route: 'GET /api/tasks/rules', path: () => '/api/tasks/rules', expect: { anon: 401, ana: 403, carl: 403, nora: 200, lead: 200, sam: 403, admin: 200 } },
  { route: 'PUT /api/tasks/rules/:ruleId', path: () => '/api/tasks/rules/palliative_trigger', body: RULE, expect: { anon: 401, ana: 403, nora: 403, lead: 200, sam: 403, admin: 200 } },
  { route: 'GET /api/tasks/:id', path: () => `/api/tasks/${ids.task}`, expect: { lead: 200, anon: 401, ana: 403, ben: 403, carl: 403, nora: 200, otto: 404, sam: 200, rhea: 404, admin: 403 } },
  { route: 'GET /api/tasks/:id (missing)', path: () => `/api/tasks/${NOBODY}`, expect: { nora: 404, sam: 404 } },
  { route: 'PATCH /api/tasks/:id', path: () => `/api/tasks/${ids.task}`, body: { notes: 'Called the insurer.' }, expect: { anon: 401, ana: 403, carl: 403, nora: 200, otto: 404, sam: 403, admin: 403 } },
  { route: 'POST /api/tasks/:id/assign', path: () => `/api/tasks/${ids.task}/assign`, bodyFn: () => ({ ownerId: ids.nora }), expect: { anon: 401, ana: 403, nora: 200, otto: 404, sam: 403, admin: 403 } },
  { route: 'GET /api/patients/:id/tasks', path: () => `/api/patients/${ids.ana}/tasks`, expect: { anon: 401, ana: 403, ben: 403, carl: 403, nora: 200, otto: 404, sam: 200, rhea: 404, admin: 403 } },
  { route: 'GET /api/patients/:id/supportive-services', path: () => `/api/patients/${ids.ana}/supportive-services?service=social_work`, expect: { anon: 401, ana: 403, nora: 200, otto: 404, sam: 403 } },
  { route: 'GET /api/patients/:id/goals-of-care', path: () => `/api/patients/${ids.ana}/goals-of-care`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, otto: 404, sam: 200, rhea: 404, admin: 403 } },
  { route: 'POST /api/patients/:id/goals-of-care', path: () => `/api/patients/${ids.ana}/goals-of-care`, body: {}, expect: { anon: 401, ana: 403, carl: 403, nora: 400, sam: 403, admin: 403 } },
  { route: 'POST /api/patients/:id/goals-of-care (other patient)', path: () => `/api/patients/${ids.ana}/goals-of-care`, body: { whatMatters: 'x', preferredPlace: 'home', language: 'en', withPatient: true }, expect: { otto: 404 } },
  { route: 'GET /api/patients/:id/progressions', path: () => `/api/patients/${ids.ana}/progressions`, expect: { anon: 401, ana: 403, carl: 403, nora: 200, otto: 404, sam: 200, rhea: 404 } },
  { route: 'POST /api/patients/:id/progressions', path: () => `/api/patients/${ids.ana}/progressions`, body: {}, expect: { anon: 401, ana: 403, nora: 400, sam: 403 } },
  { route: 'POST /api/patients/:id/progressions (other patient)', path: () => `/api/patients/${ids.ana}/progressions`, body: { occurredOn: '2026-11-01' }, expect: { otto: 404 } },
  { route: 'GET /api/supportive-services', path: () => '/api/supportive-services', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 200, admin: 200 } },
  { route: 'POST /api/supportive-services', path: () => '/api/supportive-services', body: {}, expect: { anon: 401, ana: 403, nora: 400, sam: 403, admin: 400 } },
  { route: 'PUT /api/supportive-services/:id', path: () => `/api/supportive-services/${NOBODY}`, body: {}, expect: { anon: 401, ana: 403, nora: 400, sam: 403 } },
  { route: 'DELETE /api/supportive-services/:id', path: () => `/api/supportive-services/${NOBODY}`, expect: { anon: 401, ana: 403, nora: 404, sam: 403, admin: 404 } },
];

describe('tasks: role x owner x route (S5)', () => {
  for (const row of table) {
    const method = row.route.split(' ')[0]!;
    for (const [who, status] of Object.entries(row.expect)) {
      it(`${row.route}: ${who} -> ${status}`, async () => {
        const headers = { 'content-type': 'application/json', ...(who === 'anon' ? {} : { cookie: as[who]!.cookie }) };
        const body = row.bodyFn ? row.bodyFn() : row.body;
        const res = await fetch(`${server.url}${row.path()}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        expect(res.status).toBe(status);
        if (status === 404) expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      });
    }
  }

  it('every tasks, supportive-services, goals-of-care and progression route has a row', () => {
    const mine = new Set<string>();
    for (const r of server.app.routes) {
      if (r.method === 'ALL') continue;
      if (/^\/api\/(tasks|supportive-services)|^\/api\/patients\/:id\/(tasks|supportive-services|goals-of-care|progressions)/.test(r.path)) mine.add(`${r.method} ${r.path}`);
    }
    const covered = new Set(table.map((r) => r.route.replace(/ \(.*\)$/, '')));
    expect([...mine].filter((k) => !covered.has(k))).toEqual([]);
    expect(mine.size).toBe(18);
  });
});
