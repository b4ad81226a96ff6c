import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAccess, permits } from '../../../src/people/access.ts';
import * as people from '../../../src/people/service.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { demoUsers, expireBreakGlass, otherOrganization, subjectOf, type DemoName } from './support.ts';

let server: TestServer;
let u: Awaited<ReturnType<typeof demoUsers>>;

beforeAll(async () => {
  server = await startTestServer();
  u = await demoUsers(server);
});
afterAll(() => server.close());

const decide = (who: DemoName, patient: DemoName = 'ana') => decideAccess(server.deps.db, subjectOf(u[who]), u[patient].id);
const actor = (who: DemoName) => ({ ...subjectOf(u[who]), sessionId: 's', requestId: crypto.randomUUID() });

describe('the one access decision (SECURITY.md S23)', () => {
  it('names how each demo user reaches Ana today', async () => {
    expect(await decide('ana')).toMatchObject({ allowed: true, via: 'self', emergency: false });
    expect(await decide('ben')).toMatchObject({ allowed: false, via: null });
    expect(await decide('carl')).toMatchObject({ allowed: true, via: 'caregiver', emergency: false, canManage: false });
    expect(await decide('nora')).toMatchObject({ allowed: true, via: 'care_team', careTeamRole: 'navigator', canManage: true });
    expect(await decide('sam')).toMatchObject({ allowed: true, via: 'care_team', careTeamRole: 'specialist', canManage: false });
    expect(await decide('lead')).toMatchObject({ allowed: true, via: 'org_role', canManage: true });
    // The admin manages who has access but reads no records.
    expect(await decide('admin')).toMatchObject({ allowed: false, via: 'org_role', canManage: true, scopes: [] });
  });

  it('a caregiver gets exactly the scopes the patient granted, and nothing after revocation', async () => {
    await people.grantCaregiver(server.deps, actor('ana'), { caregiverId: u.carl.id }, ['messages']);
    const narrowed = await decide('carl');
    expect(permits(narrowed, 'messages')).toBe(true);
    expect(permits(narrowed, 'profile')).toBe(true);
    expect(permits(narrowed, 'checkins')).toBe(false);
    await people.revokeCaregiver(server.deps, actor('ana'), u.carl.id);
    expect(await decide('carl')).toMatchObject({ allowed: false, via: null });
    await people.grantCaregiver(server.deps, actor('ana'), { caregiverId: u.carl.id }, ['messages', 'checkins', 'appointments', 'records']);
  });

  it('break-glass allows flagged `emergency` until it expires, and a member is never flagged', async () => {
    await people.removeCareTeamMember(server.deps, actor('nora'), u.ana.id, u.sam.id);
    expect(await decide('sam')).toMatchObject({ allowed: false });
    await people.breakGlass(server.deps, actor('sam'), u.ana.id, 'Acute deterioration, on call tonight', 30);
    const glass = await decide('sam');
    expect(glass).toMatchObject({ allowed: true, via: 'break_glass', emergency: true, canManage: false });
    expect(glass.emergencyUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    await expireBreakGlass(server, u.sam.id);
    expect(await decide('sam')).toMatchObject({ allowed: false, emergency: false });
    await people.addCareTeamMember(server.deps, actor('nora'), u.ana.id, { userId: u.sam.id, role: 'specialist' });
    expect(await decide('sam')).toMatchObject({ via: 'care_team', emergency: false });
  });

  it('another organization: its staff cannot reach our patients and ours cannot reach theirs', async () => {
    const other = await otherOrganization(server);
    expect(await decideAccess(server.deps.db, { userId: other.navigator, role: 'navigator', orgId: other.org }, u.ana.id)).toMatchObject({ allowed: false });
    expect(await decide('lead', 'ana')).toMatchObject({ allowed: true });
    expect(await decideAccess(server.deps.db, subjectOf(u.lead), other.patient)).toMatchObject({ allowed: false, canManage: false });
    expect(await decideAccess(server.deps.db, subjectOf(u.admin), other.patient)).toMatchObject({ allowed: false, canManage: false });
    // A session claiming our organization for a user of theirs (a stale or forged claim) is denied too.
    expect(await decideAccess(server.deps.db, { userId: other.navigator, role: 'navigator', orgId: u.ana.orgId }, u.ana.id)).toMatchObject({ allowed: false });
  });

  it('a missing patient is denied like another patient', async () => {
    expect(await decideAccess(server.deps.db, subjectOf(u.nora), crypto.randomUUID())).toMatchObject({ allowed: false, via: null });
  });
});
