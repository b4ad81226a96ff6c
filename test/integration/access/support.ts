import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { breakGlassGrants, organizations, patients, users } from '../../../src/people/tables.ts';
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

/** Moves every break-glass grant of this user for this patient into the past, as time would. */
export async function expireBreakGlass(server: TestServer, userId: string) {
  await server.deps.db.update(breakGlassGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(breakGlassGrants.userId, userId));
}
