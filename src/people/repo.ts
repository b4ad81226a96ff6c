import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { prepared } from '../platform/db/prepared.ts';
import { breakGlassGrants, caregiverGrants, careTeamMembers, careTeamReferralHolds, organizations, patients, sites, users } from './tables.ts';
import type { CareTeamRole } from './tables.ts';

const userByIdQuery = prepared((db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('people_user_by_id'));

export const findUserById = async (db: Db, id: string) => (await userByIdQuery(db).execute({ id }))[0];

export const findUserByEmail = async (db: Db, email: string) =>
  (await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`))[0];

export const insertUser = async (db: Db, row: typeof users.$inferInsert) => void (await db.insert(users).values(row));
export const insertPatient = async (db: Db, row: typeof patients.$inferInsert) => void (await db.insert(patients).values(row));

const patientQuery = prepared((db) => db.select().from(patients).where(eq(patients.userId, sql.placeholder('patientId'))).prepare('people_patient'));

export const findPatient = async (db: Db, patientId: string) => (await patientQuery(db).execute({ patientId }))[0];

/** Patients whose care team includes the user (navigators: their caseload; specialists: their consultations). */
export async function careTeamPatients(db: Db, userId: string) {
  return db
    .select({ id: users.id, name: users.name, siteName: sites.name })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.patientId))
    .innerJoin(patients, eq(patients.userId, careTeamMembers.patientId))
    .leftJoin(sites, eq(sites.id, patients.siteId))
    .where(and(eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt), isNull(users.disabledAt)))
    .orderBy(users.name);
}

export async function grantedPatients(db: Db, caregiverId: string) {
  return db
    .select({ id: users.id, name: users.name, scopes: caregiverGrants.scopes })
    .from(caregiverGrants)
    .innerJoin(users, eq(users.id, caregiverGrants.patientId))
    .where(and(eq(caregiverGrants.caregiverId, caregiverId), isNull(caregiverGrants.revokedAt)))
    .orderBy(users.name);
}

const careTeamQuery = prepared((db) =>
  db
    .select({ userId: careTeamMembers.userId, name: users.name, role: careTeamMembers.role })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(and(eq(careTeamMembers.patientId, sql.placeholder('patientId')), isNull(careTeamMembers.removedAt)))
    .orderBy(careTeamMembers.role, careTeamMembers.addedAt, users.name)
    .prepare('people_care_team'),
);

export const careTeamOf = (db: Db, patientId: string) => careTeamQuery(db).execute({ patientId });

const caregiversQuery = prepared((db) =>
  db
    .select({ id: caregiverGrants.id, caregiverId: caregiverGrants.caregiverId, name: users.name, scopes: caregiverGrants.scopes })
    .from(caregiverGrants)
    .innerJoin(users, eq(users.id, caregiverGrants.caregiverId))
    .where(and(eq(caregiverGrants.patientId, sql.placeholder('patientId')), isNull(caregiverGrants.revokedAt)))
    .prepare('people_caregivers'),
);

export const caregiversOf = (db: Db, patientId: string) => caregiversQuery(db).execute({ patientId });

export async function addCareTeamMember(db: Db, row: { patientId: string; userId: string; role: CareTeamRole; addedBy: string }) {
  await db.insert(careTeamMembers).values(row).onConflictDoNothing();
}

export async function removeCareTeamMember(db: Db, patientId: string, userId: string) {
  return db
    .update(careTeamMembers)
    .set({ removedAt: new Date() })
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt)))
    .returning({ userId: careTeamMembers.userId });
}

/** Locks the active membership (if any) so that holds on it are added and released one at a time. */
export async function lockCareTeamMember(db: Db, patientId: string, userId: string) {
  const rows = await db
    .select({ userId: careTeamMembers.userId })
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt)))
    .for('update');
  return rows.length > 0;
}

export async function referralHolds(db: Db, patientId: string, userId: string) {
  const rows = await db
    .select({ referralId: careTeamReferralHolds.referralId })
    .from(careTeamReferralHolds)
    .where(and(eq(careTeamReferralHolds.patientId, patientId), eq(careTeamReferralHolds.userId, userId)));
  return rows.map((r) => r.referralId);
}

export async function addReferralHold(db: Db, row: { patientId: string; userId: string; referralId: string }) {
  await db.insert(careTeamReferralHolds).values(row).onConflictDoNothing();
}

export async function removeReferralHold(db: Db, referralId: string) {
  return db.delete(careTeamReferralHolds).where(eq(careTeamReferralHolds.referralId, referralId)).returning({ referralId: careTeamReferralHolds.referralId });
}

export async function clearReferralHolds(db: Db, patientId: string, userId: string) {
  await db.delete(careTeamReferralHolds).where(and(eq(careTeamReferralHolds.patientId, patientId), eq(careTeamReferralHolds.userId, userId)));
}

export async function setPrimaryNavigator(db: Db, patientId: string, navigatorId: string | null) {
  await db.update(patients).set({ navigatorId }).where(eq(patients.userId, patientId));
}

export async function upsertGrant(db: Db, row: { id: string; patientId: string; caregiverId: string; scopes: string[] }) {
  await db
    .update(caregiverGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(caregiverGrants.patientId, row.patientId), eq(caregiverGrants.caregiverId, row.caregiverId), isNull(caregiverGrants.revokedAt)));
  await db.insert(caregiverGrants).values(row);
}

export async function revokeGrant(db: Db, patientId: string, caregiverId: string) {
  return db
    .update(caregiverGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(caregiverGrants.patientId, patientId), eq(caregiverGrants.caregiverId, caregiverId), isNull(caregiverGrants.revokedAt)))
    .returning({ id: caregiverGrants.id });
}

/** Whether the user already broke the glass for this patient with this reason (a renewal needs a new one). */
export async function hasBreakGlassWithReason(db: Db, patientId: string, userId: string, reason: string) {
  const rows = await db
    .select({ id: breakGlassGrants.id })
    .from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.patientId, patientId), eq(breakGlassGrants.userId, userId), sql`lower(btrim(${breakGlassGrants.reason})) = lower(btrim(${reason}))`))
    .limit(1);
  return rows.length > 0;
}

export async function insertBreakGlass(db: Db, row: { id: string; userId: string; patientId: string; reason: string; expiresAt: Date }) {
  await db.insert(breakGlassGrants).values(row);
}

export async function usersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}

export async function listOrgUsers(db: Db, orgId: string) {
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.role, users.name);
}

export const setPasswordHash = async (db: Db, userId: string, passwordHash: string) => void (await db.update(users).set({ passwordHash }).where(eq(users.id, userId)));

export async function setUserDisabled(db: Db, userId: string, disabled: boolean) {
  await db.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, userId));
}

export async function updateUserPrefs(db: Db, userId: string, prefs: { locale?: string | undefined; timezone?: string | undefined }) {
  const set: { locale?: string; timezone?: string } = {};
  if (prefs.locale) set.locale = prefs.locale;
  if (prefs.timezone) set.timezone = prefs.timezone;
  if (Object.keys(set).length) await db.update(users).set(set).where(eq(users.id, userId));
}

export const findOrganization = async (db: Db, orgId: string) => (await db.select().from(organizations).where(eq(organizations.id, orgId)))[0];

export async function clinicalLeadIds(db: Db, orgId: string) {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.isClinicalLead, true), isNull(users.disabledAt))).orderBy(asc(users.createdAt));
  return rows.map((r) => r.id);
}

export const activeNavigators = (db: Db, orgId: string) =>
  db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, orgId), eq(users.role, 'navigator'), isNull(users.disabledAt))).orderBy(asc(users.name));

/** The country of a patient's site (ISO 3166-1 alpha-2), when recorded. */
export async function siteCountryOf(db: Db, patientId: string): Promise<string | null> {
  const [row] = await db.select({ country: sites.country }).from(patients).innerJoin(sites, eq(sites.id, patients.siteId)).where(eq(patients.userId, patientId));
  return row?.country ?? null;
}
