import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { sites, users } from '../people/tables.ts';
import { directorySiteMembers, directorySites } from './tables.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export async function sitesWithProfile(db: Db, orgId: string, ids?: string[]) {
  const where = ids ? and(eq(sites.orgId, orgId), inArray(sites.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])) : eq(sites.orgId, orgId);
  return db
    .select({ site: sites, profile: directorySites })
    .from(sites)
    .leftJoin(directorySites, eq(directorySites.siteId, sites.id))
    .where(where)
    .orderBy(sites.name);
}

export async function upsertProfile(db: Tx, siteId: string, p: Omit<typeof directorySites.$inferInsert, 'siteId'>) {
  await db
    .insert(directorySites)
    .values({ siteId, ...p })
    .onConflictDoUpdate({ target: directorySites.siteId, set: { ...p, updatedAt: new Date() } });
}

export async function membersOf(db: Db, siteIds: string[]) {
  if (!siteIds.length) return [];
  return db
    .select({ siteId: directorySiteMembers.siteId, userId: directorySiteMembers.userId, role: directorySiteMembers.role, name: users.name, disabledAt: users.disabledAt })
    .from(directorySiteMembers)
    .innerJoin(users, eq(users.id, directorySiteMembers.userId))
    .where(inArray(directorySiteMembers.siteId, siteIds));
}

export async function siteIdsOfMember(db: Db, userId: string) {
  const rows = await db.select({ siteId: directorySiteMembers.siteId }).from(directorySiteMembers).where(eq(directorySiteMembers.userId, userId));
  return rows.map((r) => r.siteId);
}

export async function addMember(db: Tx, siteId: string, userId: string, role: 'specialist' | 'coordinator') {
  await db.insert(directorySiteMembers).values({ siteId, userId, role }).onConflictDoUpdate({ target: [directorySiteMembers.siteId, directorySiteMembers.userId], set: { role } });
}

export async function removeMember(db: Tx, siteId: string, userId: string) {
  return db.delete(directorySiteMembers).where(and(eq(directorySiteMembers.siteId, siteId), eq(directorySiteMembers.userId, userId))).returning();
}
