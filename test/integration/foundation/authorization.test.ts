import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/platform/policy.ts';
import { loginDemoUsers, login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam', 'admin'], as, ids);
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
  { route: 'specialist home', method: 'GET', path: () => '/api/home/specialist', expect: { anon: 401, ana: 403, carl: 403, nora: 403, sam: 200, admin: 403 } },
  { route: 'caregiver patients', method: 'GET', path: () => '/api/caregiver/patients', expect: { anon: 401, ana: 403, carl: 200, nora: 403, admin: 403 } },
  { route: 'my caregivers', method: 'GET', path: () => '/api/me/caregivers', expect: { anon: 401, ana: 200, carl: 403, nora: 403, admin: 403 } },
  { route: 'admin users', method: 'GET', path: () => '/api/admin/users', expect: { anon: 401, ana: 403, carl: 403, nora: 403, sam: 403, admin: 200 } },
  { route: 'audit verify', method: 'GET', path: () => '/api/admin/audit/verify', expect: { anon: 401, ana: 403, nora: 403, admin: 200 } },
  { route: 'add care-team member', method: 'POST', path: () => `/api/patients/${ids.ana}/care-team`, body: { userId: 'not-a-uuid' }, expect: { anon: 401, ana: 403, carl: 403, sam: 403, admin: 400, nora: 400 } },
  { route: 'me', method: 'GET', path: () => '/api/me', expect: { anon: 401, ana: 200, carl: 200, nora: 200, admin: 200 } },
  // Referrals (every referral route has its row in test/integration/referrals/authorization.test.ts).
  { route: 'patient referrals', method: 'GET', path: () => `/api/patients/${ids.ana}/referrals`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 404 } },
  { route: 'referral board', method: 'GET', path: () => '/api/referrals/board', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, admin: 403 } },
  { route: 'network directory', method: 'GET', path: () => '/api/directory/sites', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 200, admin: 200 } },
  // Messaging (issue #3): object-level checks on real threads are in test/integration/messaging (S4).
  { route: 'my threads', method: 'GET', path: () => '/api/threads', expect: { anon: 401, ana: 200, carl: 200, nora: 200, sam: 200, admin: 200 } },
  { route: 'navigator inbox', method: 'GET', path: () => '/api/inbox', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, admin: 403 } },
  { route: 'open a thread', method: 'POST', path: () => '/api/threads', body: { kind: 'direct', userId: 'x' }, expect: { anon: 401, ana: 403, carl: 403, sam: 403, admin: 403, nora: 400 } },
  { route: 'thread history (unknown id)', method: 'GET', path: () => '/api/threads/00000000-0000-4000-8000-000000000000/messages', expect: { anon: 401, ana: 404, carl: 404, nora: 404, admin: 404 } },
  { route: 'attachment (unknown id)', method: 'GET', path: () => '/api/attachments/00000000-0000-4000-8000-000000000000', expect: { anon: 401, ana: 404, nora: 404 } },
  { route: 'thread hand-over', method: 'POST', path: () => '/api/threads/00000000-0000-4000-8000-000000000000/handover', body: { navigatorId: 'x' }, expect: { anon: 401, ana: 403, sam: 403, nora: 400 } },
  // Video (issue #6): membership of real rooms, guests and sockets are in test/integration/video (S18).
  { route: 'video status', method: 'GET', path: () => '/api/video/status', expect: { anon: 401, ana: 200, carl: 200, nora: 200, sam: 200, admin: 200 } },
  { route: 'video room (unknown id)', method: 'GET', path: () => '/api/video/rooms/appointment/00000000-0000-4000-8000-000000000000', expect: { anon: 401, ana: 404, ben: 404, nora: 404, sam: 404, admin: 404 } },
  { route: 'video guest link (unknown room)', method: 'POST', path: () => '/api/video/rooms/appointment/00000000-0000-4000-8000-000000000000/guest-links', body: { role: 'interpreter', name: 'X' }, expect: { anon: 401, ana: 403, carl: 403, admin: 403, nora: 404, sam: 404 } },
  { route: 'video guest session (no guest cookie)', method: 'GET', path: () => '/api/video/guest/session', expect: { anon: 401, ana: 401 } },
  { route: 'video guest link redeem (bad token)', method: 'POST', path: () => '/api/video/guest/session', body: { token: 'x'.repeat(40) }, expect: { anon: 404, ana: 404 } },
  // Appointments and the care timeline (issue #5): object-level checks on real appointments are in test/integration/appointments.
  { route: 'patient appointments', method: 'GET', path: () => `/api/appointments?patientId=${ids.ana}`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 403 } },
  { route: 'create appointment', method: 'POST', path: () => '/api/appointments', body: { patientId: 'x' }, expect: { anon: 401, ana: 403, carl: 403, sam: 403, admin: 403, nora: 400 } },
  { route: 'appointment (unknown id)', method: 'GET', path: () => '/api/appointments/00000000-0000-4000-8000-000000000000', expect: { anon: 401, ana: 404, carl: 404, nora: 404, sam: 404, admin: 403 } },
  { route: 'respond to appointment (unknown id)', method: 'PATCH', path: () => '/api/appointments/00000000-0000-4000-8000-000000000000', body: { action: 'confirm' }, expect: { anon: 401, ana: 404, carl: 404, sam: 403, admin: 403 } },
  { route: 'cancel appointment (unknown id)', method: 'DELETE', path: () => '/api/appointments/00000000-0000-4000-8000-000000000000', expect: { anon: 401, ana: 403, carl: 403, sam: 403, nora: 404 } },
  { route: 'care timeline', method: 'GET', path: () => `/api/patients/${ids.ana}/timeline`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 403 } },
  { route: 'treatment plan item', method: 'POST', path: () => '/api/treatment-plan-items', body: {}, expect: { anon: 401, ana: 403, carl: 403, sam: 403, nora: 400 } },
  { route: 'scheduling sites', method: 'GET', path: () => '/api/scheduling/sites', expect: { anon: 401, ana: 403, carl: 403, sam: 403, nora: 200, admin: 200 } },
  { route: 'reminder settings', method: 'PUT', path: () => '/api/scheduling/reminder-settings', body: {}, expect: { anon: 401, ana: 403, nora: 403, admin: 400 } },
  { route: 'calendar feed status', method: 'GET', path: () => '/api/calendar/feed', expect: { anon: 401, ana: 200, carl: 200, nora: 200 } },
  { route: 'calendar feed (unknown token)', method: 'GET', path: () => `/api/calendar/${'A'.repeat(43)}.ics`, expect: { anon: 404, ana: 404 } },
  // Check-ins, triage and escalations (issue #4): object-level checks on real alerts are in test/integration/checkins (S5).
  { route: 'submit check-in (bad body)', method: 'POST', path: () => '/api/checkins', body: { instrument: 'x' }, expect: { anon: 401, ana: 400, carl: 400, nora: 400, sam: 400, admin: 403 } },
  { route: 'check-in home', method: 'GET', path: () => '/api/checkins/home', expect: { anon: 401, ana: 200, carl: 404, nora: 403, admin: 403 } },
  { route: 'check-in measures', method: 'GET', path: () => '/api/checkins/measures', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, admin: 403 } },
  { route: 'patient check-ins', method: 'GET', path: () => `/api/patients/${ids.ana}/checkins`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 404 } },
  { route: 'check-in schedule', method: 'GET', path: () => `/api/patients/${ids.ana}/checkin-schedule`, expect: { anon: 401, ana: 200, ben: 404, carl: 200, nora: 200, sam: 200, admin: 404 } },
  { route: 'set check-in schedule', method: 'PUT', path: () => `/api/patients/${ids.ana}/checkin-schedule`, body: {}, expect: { anon: 401, ana: 403, carl: 403, sam: 403, admin: 403, nora: 400 } },
  { route: 'palliative prompts', method: 'GET', path: () => `/api/patients/${ids.ana}/palliative`, expect: { anon: 401, ana: 403, ben: 403, carl: 403, nora: 200, sam: 200, admin: 403 } },
  { route: 'palliative checklist', method: 'PUT', path: () => `/api/patients/${ids.ana}/palliative/delirium`, body: {}, expect: { anon: 401, ana: 403, sam: 403, nora: 400 } },
  { route: 'triage queue', method: 'GET', path: () => '/api/alerts?status=open', expect: { anon: 401, ana: 403, carl: 403, nora: 200, sam: 403, admin: 403 } },
  { route: 'alert (unknown id)', method: 'GET', path: () => '/api/alerts/00000000-0000-4000-8000-000000000000', expect: { anon: 401, ana: 403, nora: 404 } },
  { route: 'acknowledge alert (unknown id)', method: 'POST', path: () => '/api/alerts/00000000-0000-4000-8000-000000000000/acknowledge', expect: { anon: 401, ana: 403, sam: 403, nora: 404 } },
  { route: 'resolve alert (bad body)', method: 'POST', path: () => '/api/alerts/00000000-0000-4000-8000-000000000000/resolve', body: {}, expect: { anon: 401, ana: 403, nora: 400 } },
  { route: 'snooze alert (bad body)', method: 'POST', path: () => '/api/alerts/00000000-0000-4000-8000-000000000000/snooze', body: { days: 31 }, expect: { anon: 401, carl: 403, nora: 400 } },
  { route: 'reassign alert (bad body)', method: 'POST', path: () => '/api/alerts/00000000-0000-4000-8000-000000000000/reassign', body: {}, expect: { anon: 401, sam: 403, nora: 400 } },
  { route: 'on-call rota', method: 'GET', path: () => '/api/alerts/rota', expect: { anon: 401, ana: 403, nora: 200, admin: 200 } },
  { route: 'add on-call shift (bad body)', method: 'POST', path: () => '/api/alerts/rota', body: {}, expect: { anon: 401, ana: 403, sam: 403, nora: 400, admin: 400 } },
  { route: 'navigators (reassignment)', method: 'GET', path: () => '/api/alerts/navigators', expect: { anon: 401, ana: 403, nora: 200, admin: 403 } },
  { route: 'crisis resources', method: 'GET', path: () => '/api/crisis-resources', expect: { anon: 401, ana: 200, carl: 200, nora: 403 } },
  { route: 'clinical rules', method: 'GET', path: () => '/api/clinical-rules', expect: { anon: 401, ana: 403, nora: 200, admin: 200 } },
  { route: 'publish ladder (bad body)', method: 'PUT', path: () => '/api/clinical-rules/ladder', body: {}, expect: { anon: 401, ana: 403, nora: 400, admin: 400 } },
  // Sign-in and security (issue #11): behaviour in test/integration/auth (S25, S26).
  { route: 'my sessions', method: 'GET', path: () => '/api/auth/sessions', expect: { anon: 401, ana: 200, carl: 200, nora: 200, admin: 200 } },
  { route: 'end a session (unknown id)', method: 'DELETE', path: () => '/api/auth/sessions/0000000000000000', expect: { anon: 401, ana: 404, nora: 404 } },
  { route: 'second-factor status', method: 'GET', path: () => '/api/auth/mfa', expect: { anon: 401, ana: 200, nora: 200 } },
  { route: 'prove a second factor (no pending sign-in)', method: 'POST', path: () => '/api/auth/mfa', body: { code: 'x' }, expect: { anon: 401, nora: 400 } },
  { route: 'new recovery codes', method: 'POST', path: () => '/api/auth/mfa/recovery-codes', expect: { anon: 401, ana: 403, carl: 403, nora: 409 } },
  { route: 'staff second-factor rule', method: 'GET', path: () => '/api/auth/org-settings', expect: { anon: 401, ana: 403, nora: 403, sam: 403, admin: 200 } },
  { route: 'change the rule (bad body)', method: 'PUT', path: () => '/api/auth/org-settings', body: {}, expect: { anon: 401, ana: 403, nora: 403, admin: 400 } },
  { route: 'change password (bad body)', method: 'POST', path: () => '/api/auth/password', body: {}, expect: { anon: 401, ana: 400, nora: 400 } },
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

  it('a patient grants a caregiver account by e-mail; an unknown or non-caregiver e-mail answers not_found', async () => {
    expect((await as.ben!.send('PUT', '/api/me/caregivers', { email: 'carl@demo.test', scopes: ['appointments'] })).status).toBe(204);
    expect((await as.carl!.get(`/api/patients/${ids.ben}`)).status).toBe(200);
    expect((await as.ben!.send('PUT', '/api/me/caregivers', { email: 'nora@demo.test', scopes: ['messages'] })).status).toBe(404);
    expect((await as.ben!.send('PUT', '/api/me/caregivers', { email: 'nobody@demo.test', scopes: ['messages'] })).status).toBe(404);
    expect((await as.ben!.send('DELETE', `/api/me/caregivers/${ids.carl}`)).status).toBe(204);
    expect((await as.carl!.get(`/api/patients/${ids.ben}`)).status).toBe(404);
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
