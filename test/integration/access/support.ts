import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../../../src/auth/password.ts';
import { changed } from '../../../src/people/service.ts';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import { breakGlassGrants, caregiverGrants, careTeamMembers, organizations, patients, users } from '../../../src/people/tables.ts';
import type { Role } from '../../../src/contracts/common.ts';
import type { TestServer } from '../../support/server.ts';

export type DemoName = 'admin' | 'nora' | 'lead' | 'sam' | 'ana' | 'ben' | 'carl';

/** The demo users' ids and roles, read from the seeded database. */
export async function demoUsers(server: TestServer) {
  const rows = await server.deps.db.select().from(users);
  const byName = Object.fromEntries(rows.filter((u) => u.email.endsWith('@demo.test')).map((u) => [u.email.split('@')[0], u]));
  return byName as Record<DemoName, (typeof rows)[number]>;
}

export const subjectOf = (u: { id: string; role: Role; orgId: string }) => ({ userId: u.id, role: u.role, orgId: u.orgId });

/** A second organization with one navigator and one patient of its own (password login not needed). */
export async function otherOrganization(server: TestServer) {
  const org = randomUUID();
  const navigator = randomUUID();
  const patient = randomUUID();
  const { db } = server.deps;
  await db.insert(organizations).values({ id: org, name: 'Elsewhere Health', timezone: 'UTC', workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } });
  await db.insert(users).values([
    { id: navigator, orgId: org, email: `nav-${org}@other.test`, name: 'Other Navigator', role: 'navigator' },
    { id: patient, orgId: org, email: `pat-${org}@other.test`, name: 'Other Patient', role: 'patient' },
  ]);
  await db.insert(patients).values({ userId: patient });
  return { org, navigator, patient };
}

/**
 * Moves every break-glass grant of this user for this patient into the past, as time would. Time would
 * also end this node's cached decision (it is kept only until the grant's end): dropped here.
 */
export async function expireBreakGlass(server: TestServer, userId: string) {
  await server.deps.db.update(breakGlassGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(breakGlassGrants.userId, userId));
  changed(server.deps, userId);
}

/** A staff account in the demo organization that can sign in with the demo password. */
export async function staffUser(server: TestServer, role: 'navigator' | 'specialist', name: string) {
  const [demoOrg] = await server.deps.db.select({ orgId: users.orgId }).from(users).where(eq(users.email, 'nora@demo.test'));
  const id = randomUUID();
  const email = `${name.toLowerCase()}-${id.slice(0, 8)}@staff.test`;
  await server.deps.db.insert(users).values({ id, orgId: demoOrg!.orgId, email, name, role, passwordHash: await hashPassword(DEMO_PASSWORD) });
  return { id, email };
}

/**
 * A fresh patient of the demo organization with Nora as primary navigator, Sam (specialist) and the
 * given extra navigators on the care team, and Carl as caregiver with every scope: each relationship
 * change in a test gets its own patient, so changes never leak between rows.
 */
export async function freshPatient(server: TestServer, extraNavigators: string[] = []) {
  const u = await demoUsers(server);
  const id = randomUUID();
  const { db } = server.deps;
  await db.insert(users).values({ id, orgId: u.nora.orgId, email: `patient-${id}@demo.test`, name: `Patient ${id.slice(0, 6)}`, role: 'patient' });
  await db.insert(patients).values({ userId: id, navigatorId: u.nora.id });
  await db.insert(careTeamMembers).values([
    { patientId: id, userId: u.nora.id, role: 'navigator' },
    { patientId: id, userId: u.sam.id, role: 'specialist' },
    ...extraNavigators.map((userId) => ({ patientId: id, userId, role: 'navigator' as const })),
  ]);
  await db.insert(caregiverGrants).values({ id: randomUUID(), patientId: id, caregiverId: u.carl.id, scopes: ['messages', 'checkins', 'appointments', 'records'] });
  return id;
}

export const actorFor = (u: { id: string; role: Role; orgId: string }) => ({ userId: u.id, role: u.role, orgId: u.orgId, sessionId: 'test', requestId: randomUUID() });
