import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};
const NOBODY = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam', 'rhea', 'admin'], as, ids);
  const { sites } = (await (await as.nora!.get('/api/directory/sites')).json()) as { sites: Array<{ id: string; name: string }> };
  ids.site = sites.find((s) => s.name.startsWith('Northgate'))!.id;
  const { referrals } = (await (await as.nora!.get(`/api/patients/${ids.ana}/referrals`)).json()) as { referrals: Array<{ id: string; state: string }> };
  ids.draft = referrals.find((r) => r.state === 'draft')!.id;
  // A sent referral of Ana's with her consent.
  const sent = (await (await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'palliative_care', toSiteId: ids.site })).json()) as { id: string };
  for (const kind of ['clinical_summary', 'prior_therapy']) await as.nora!.send('POST', `/api/referrals/${sent.id}/packet`, { source: 'navigator', kind, title: kind, body: 'text' });
  await as.ana!.send('PUT', `/api/referrals/${sent.id}/consent`, { method: 'in_app' });
  const res = await as.nora!.send('POST', `/api/referrals/${sent.id}/send`, {});
  if (res.status !== 200) throw new Error(`send answered ${res.status}`);
  ids.sent = sent.id;
}, 60_000);
afterAll(() => server.close());

type Who = 'anon' | 'ana' | 'ben' | 'carl' | 'nora' | 'sam' | 'rhea' | 'admin';
interface Row {
  route: string;
  path: () => string;
  body?: unknown;
  expect: Partial<Record<Who, number>>;
}

// Ana owns every referral; Ben is another patient; Carl her caregiver (records scope); Nora her navigator
// (the sending side); Sam a specialist on her care team who also acts for Northgate; Rhea acts for
// Northgate (the receiving side) and is on nobody's care team; the admin keeps the directory.
// Writes send invalid bodies: an allowed role answers 400 before anything changes.
const table: Row[] = [
  { route: 'GET /api/directory/sites', path: () => '/api/directory/sites', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 200, rhea: 200, admin: 200 } },
  { route: 'GET /api/directory/sites/:id', path: () => `/api/directory/sites/${ids.site}`, expect: { anon: 401, ana: 403, nora: 200, rhea: 200, admin: 200 } },
  { route: 'PUT /api/directory/sites/:id', path: () => `/api/directory/sites/${ids.site}`, body: {}, expect: { anon: 401, nora: 403, rhea: 403, admin: 400 } },
  { route: 'PUT /api/directory/sites/:id/members', path: () => `/api/directory/sites/${ids.site}/members`, body: {}, expect: { anon: 401, nora: 403, admin: 400 } },
  { route: 'DELETE /api/directory/sites/:id/members/:userId', path: () => `/api/directory/sites/${ids.site}/members/${NOBODY}`, expect: { anon: 401, nora: 403, rhea: 403, admin: 404 } },
  { route: 'GET /api/referrals/codes/search', path: () => '/api/referrals/codes/search?q=C49', expect: { anon: 401, ana: 403, carl: 403, nora: 200, rhea: 200, admin: 403 } },
  { route: 'GET /api/referrals/codes/map', path: () => '/api/referrals/codes/map?topography=C49.2&morphology=8890/3', expect: { anon: 401, ana: 403, nora: 200, sam: 200, admin: 403 } },
  { route: 'GET /api/referrals/codes/gaps', path: () => '/api/referrals/codes/gaps', expect: { anon: 401, ana: 403, carl: 403, nora: 403, rhea: 403, admin: 200 } },
  { route: 'GET /api/referrals/board', path: () => '/api/referrals/board', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, rhea: 403, admin: 403 } },
  { route: 'GET /api/referrals/incoming', path: () => '/api/referrals/incoming', expect: { anon: 401, ana: 403, nora: 200, sam: 200, rhea: 200, admin: 403 } },
  { route: 'GET /api/referrals/settings/deadlines', path: () => '/api/referrals/settings/deadlines', expect: { anon: 401, ana: 403, nora: 200, rhea: 403, admin: 200 } },
  { route: 'PUT /api/referrals/settings/deadlines/:type', path: () => '/api/referrals/settings/deadlines/second_opinion', body: {}, expect: { anon: 401, nora: 403, rhea: 403, admin: 400 } },
  { route: 'GET /api/patients/:id/referrals', path: () => `/api/patients/${ids.ana}/referrals`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, rhea: 404, admin: 404 } },
  { route: 'POST /api/referrals', path: () => '/api/referrals', body: {}, expect: { anon: 401, ana: 403, carl: 403, nora: 400, sam: 403, rhea: 403, admin: 403 } },
  { route: 'GET /api/referrals/:id', path: () => `/api/referrals/${ids.sent}`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, rhea: 200, admin: 404 } },
  { route: 'GET /api/referrals/:id (draft)', path: () => `/api/referrals/${ids.draft}`, expect: { ana: 200, carl: 200, nora: 200, sam: 200, rhea: 404, ben: 404 } },
  { route: 'PATCH /api/referrals/:id', path: () => `/api/referrals/${ids.draft}`, body: { bogus: 1 }, expect: { anon: 401, ana: 403, nora: 400, rhea: 403, admin: 403 } },
  { route: 'POST /api/referrals/:id/send', path: () => `/api/referrals/${ids.draft}/send`, body: { bogus: 1 }, expect: { anon: 401, ana: 403, nora: 400, rhea: 403 } },
  { route: 'POST /api/referrals/:id/accept', path: () => `/api/referrals/${ids.sent}/accept`, body: { bogus: 1 }, expect: { anon: 401, ana: 403, carl: 403, rhea: 400, admin: 403 } },
  { route: 'POST /api/referrals/:id/decline', path: () => `/api/referrals/${ids.sent}/decline`, body: {}, expect: { anon: 401, ana: 403, rhea: 400, admin: 403 } },
  { route: 'POST /api/referrals/:id/schedule', path: () => `/api/referrals/${ids.sent}/schedule`, body: {}, expect: { anon: 401, ana: 403, rhea: 400 } },
  { route: 'POST /api/referrals/:id/complete', path: () => `/api/referrals/${ids.sent}/complete`, body: { bogus: 1 }, expect: { anon: 401, ana: 403, rhea: 400 } },
  { route: 'POST /api/referrals/:id/cancel', path: () => `/api/referrals/${ids.sent}/cancel`, body: {}, expect: { anon: 401, ana: 403, carl: 403, nora: 400, rhea: 400, admin: 403 } },
  { route: 'POST /api/referrals/:id/packet', path: () => `/api/referrals/${ids.sent}/packet`, body: {}, expect: { anon: 401, ana: 403, nora: 400, rhea: 403 } },
  { route: 'GET /api/referrals/:id/packet/:itemId/file', path: () => `/api/referrals/${ids.sent}/packet/${NOBODY}/file`, expect: { anon: 401, ana: 404, ben: 404, nora: 404, rhea: 404, admin: 403 } },
  { route: 'DELETE /api/referrals/:id/packet/:itemId', path: () => `/api/referrals/${ids.sent}/packet/${NOBODY}`, expect: { anon: 401, ana: 403, nora: 404, rhea: 403 } },
  { route: 'PUT /api/referrals/:id/consent', path: () => `/api/referrals/${ids.sent}/consent`, body: {}, expect: { anon: 401, ana: 400, carl: 400, nora: 400, rhea: 403, admin: 403 } },
  { route: 'DELETE /api/referrals/:id/consent', path: () => `/api/referrals/${ids.sent}/consent`, expect: { anon: 401, ben: 404, carl: 403, rhea: 403, admin: 403 } },
  { route: 'POST /api/referrals/:id/consent/request', path: () => `/api/referrals/${ids.draft}/consent/request`, body: { bogus: 1 }, expect: { anon: 401, ana: 403, carl: 403, nora: 400, rhea: 403, admin: 403 } },
  { route: 'POST /api/referrals/:id/consent/decline', path: () => `/api/referrals/${ids.draft}/consent/decline`, body: { bogus: 1 }, expect: { anon: 401, ana: 400, carl: 400, nora: 403, rhea: 403 } },
  { route: 'GET /api/referrals/:id/documents', path: () => `/api/referrals/${ids.draft}/documents`, expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, rhea: 403, admin: 403 } },
  { route: 'GET /api/referrals/:id/sites', path: () => `/api/referrals/${ids.draft}/sites`, expect: { anon: 401, ana: 403, ben: 403, nora: 200, sam: 403, rhea: 403, admin: 403 } },
  { route: 'GET /api/referrals/:id/fhir', path: () => `/api/referrals/${ids.sent}/fhir`, expect: { anon: 401, ana: 403, ben: 403, nora: 200, sam: 403, rhea: 403, admin: 403 } },
  { route: 'POST /api/referrals/:id/recommendation', path: () => `/api/referrals/${ids.sent}/recommendation`, body: {}, expect: { anon: 401, ana: 403, nora: 403, rhea: 400 } },
  { route: 'GET /api/referrals/:id/summary', path: () => `/api/referrals/${ids.sent}/summary`, expect: { anon: 401, ana: 404, ben: 404, nora: 404, rhea: 403, admin: 404 } },
  { route: 'GET /api/case-reviews', path: () => '/api/case-reviews', expect: { anon: 401, ana: 403, nora: 200, rhea: 200, admin: 403 } },
  { route: 'POST /api/case-reviews', path: () => '/api/case-reviews', body: {}, expect: { anon: 401, ana: 403, nora: 403, rhea: 400, admin: 403 } },
  { route: 'GET /api/case-reviews/:id', path: () => `/api/case-reviews/${NOBODY}`, expect: { anon: 401, ana: 403, nora: 404, rhea: 404 } },
  { route: 'POST /api/case-reviews/:id/agenda', path: () => `/api/case-reviews/${NOBODY}/agenda`, body: {}, expect: { anon: 401, nora: 403, rhea: 400 } },
  { route: 'PUT /api/case-reviews/:id/status', path: () => `/api/case-reviews/${NOBODY}/status`, body: {}, expect: { anon: 401, nora: 403, rhea: 400 } },
];

describe('referrals: role x owner x route (S5)', () => {
  for (const row of table) {
    const method = row.route.split(' ')[0]!;
    for (const [who, status] of Object.entries(row.expect)) {
      it(`${row.route}: ${who} -> ${status}`, async () => {
        const headers = { 'content-type': 'application/json', ...(who === 'anon' ? {} : { cookie: as[who]!.cookie }) };
        const res = await fetch(`${server.url}${row.path()}`, { method, headers, body: row.body === undefined ? undefined : JSON.stringify(row.body) });
        expect(res.status).toBe(status);
      });
    }
  }

  it('every referrals, directory and case-review route has a row', () => {
    const mine = new Set<string>();
    for (const r of server.app.routes) {
      if (r.method === 'ALL') continue;
      if (/^\/api\/(referrals|directory|case-reviews)|^\/api\/patients\/:id\/referrals/.test(r.path)) mine.add(`${r.method} ${r.path}`);
    }
    const covered = new Set(table.map((r) => r.route.replace(/ \(.*\)$/, '')));
    expect([...mine].filter((k) => !covered.has(k))).toEqual([]);
    expect(mine.size).toBe(39);
  });
});
