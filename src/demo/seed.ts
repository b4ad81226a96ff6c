import { randomUUID } from 'node:crypto';
import { seedDemoAppointments } from '../appointments/demo.ts';
import { hashPassword } from '../auth/password.ts';
import { seedDemoCheckins } from '../checkins/demo.ts';
import { seedDemoReferrals } from '../referrals/demo.ts';
import type { Role } from '../contracts/common.ts';
import type { Db } from '../platform/db/client.ts';
import { seedDemoMessaging } from '../messaging/demo.ts';
import { seedDemoTasks } from '../tasks/demo.ts';
import { findUserByEmail } from '../people/repo.ts';
import { caregiverGrants, careTeamMembers, organizations, patients, sites, users } from '../people/tables.ts';

export const DEMO_PASSWORD = 'demo-pass-1234';

export const DEMO_USERS: Array<{ email: string; name: string; role: Role; locale: string; clinicalLead?: boolean }> = [
  { email: 'admin@demo.test', name: 'Avery Admin', role: 'admin', locale: 'en' },
  { email: 'nora@demo.test', name: 'Nora Navarro', role: 'navigator', locale: 'en' },
  { email: 'lead@demo.test', name: 'Dr Lena Lindqvist', role: 'navigator', locale: 'en', clinicalLead: true },
  { email: 'sam@demo.test', name: 'Dr Sam Okafor', role: 'specialist', locale: 'en' },
  { email: 'ana@demo.test', name: 'Ana García', role: 'patient', locale: 'en' },
  { email: 'ben@demo.test', name: 'Ben Carter', role: 'patient', locale: 'en' },
  { email: 'carl@demo.test', name: 'Carl García', role: 'caregiver', locale: 'es' },
];

export type DemoIds = Record<'org' | 'referenceCentre' | 'lakeside' | 'hillview' | 'admin' | 'nora' | 'lead' | 'sam' | 'ana' | 'ben' | 'carl', string>;

/**
 * A small regional network for demos and tests: one reference centre, two partner hospitals, a navigator
 * with two patients, a specialist, a caregiver acting for Ana with her consent. Runs once: a database
 * that already has the demo admin is left as it is.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await findUserByEmail(db, 'admin@demo.test')) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = Object.fromEntries(
    ['org', 'referenceCentre', 'lakeside', 'hillview', 'admin', 'nora', 'lead', 'sam', 'ana', 'ben', 'carl'].map((k) => [k, randomUUID()]),
  ) as DemoIds;
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({
      id: ids.org,
      name: 'Regional Rare Cancer Network',
      timezone: 'Europe/Madrid',
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
    });
    await tx.insert(sites).values([
      { id: ids.referenceCentre, orgId: ids.org, name: 'Northgate Reference Centre', kind: 'reference_centre', city: 'Northgate', timezone: 'Europe/Madrid', country: 'ES' },
      { id: ids.lakeside, orgId: ids.org, name: 'Lakeside General Hospital', kind: 'partner_hospital', city: 'Lakeside', timezone: 'Europe/Madrid', country: 'ES' },
      { id: ids.hillview, orgId: ids.org, name: 'Hillview Community Hospital', kind: 'partner_hospital', city: 'Hillview', timezone: 'Europe/Madrid', country: 'ES' },
    ]);
    const key = (email: string) => email.split('@')[0] as keyof DemoIds;
    await tx.insert(users).values(
      DEMO_USERS.map((u) => ({
        id: ids[key(u.email)],
        orgId: ids.org,
        email: u.email,
        name: u.name,
        role: u.role,
        locale: u.locale,
        timezone: 'Europe/Madrid',
        passwordHash,
        isClinicalLead: u.clinicalLead ?? false,
      })),
    );
    await tx.insert(patients).values([
      { userId: ids.ana, siteId: ids.lakeside, navigatorId: ids.nora, dateOfBirth: '1979-04-12' },
      { userId: ids.ben, siteId: ids.hillview, navigatorId: ids.nora, dateOfBirth: '1962-09-30' },
    ]);
    await tx.insert(careTeamMembers).values([
      { patientId: ids.ana, userId: ids.nora, role: 'navigator', addedBy: ids.admin },
      { patientId: ids.ben, userId: ids.nora, role: 'navigator', addedBy: ids.admin },
      { patientId: ids.ana, userId: ids.sam, role: 'specialist', addedBy: ids.nora },
    ]);
    await tx.insert(caregiverGrants).values({ id: randomUUID(), patientId: ids.ana, caregiverId: ids.carl, scopes: ['messages', 'checkins', 'appointments', 'records'] });
    await seedDemoCheckins(tx as unknown as Db, ids);
    await seedDemoReferrals(tx as unknown as Db, ids);
    await seedDemoAppointments(tx as unknown as Db, ids);
    await seedDemoMessaging(tx as unknown as Db, ids);
    await seedDemoTasks(tx as unknown as Db, ids);
  });
  return { created: true };
}
