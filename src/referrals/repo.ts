import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { ReferralState } from '../contracts/referrals.ts';
import type { Db } from '../platform/db/client.ts';
import {
  caseReviewItems,
  caseReviewParticipants,
  caseReviews,
  referralCodingGaps,
  referralConsents,
  referralDeadlineRules,
  referralEvents,
  referralPacketItems,
  referralRecommendations,
  referrals,
} from './tables.ts';

export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;
export type ReferralRow = typeof referrals.$inferSelect;
export type PacketItemRow = typeof referralPacketItems.$inferSelect;
export type RecommendationRow = typeof referralRecommendations.$inferSelect;
export type CaseReviewRow = typeof caseReviews.$inferSelect;

export async function findReferral(db: Tx, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

export const insertReferral = (db: Tx, row: typeof referrals.$inferInsert) => db.insert(referrals).values(row);

/** Compare-and-set on the state: two concurrent transitions cannot both win. */
export async function moveState(db: Tx, id: string, from: ReferralState, set: Partial<typeof referrals.$inferInsert> & { state: ReferralState }) {
  return db.update(referrals).set({ ...set, updatedAt: new Date() }).where(and(eq(referrals.id, id), eq(referrals.state, from))).returning();
}

export const updateReferral = (db: Tx, id: string, set: Partial<typeof referrals.$inferInsert>) =>
  db.update(referrals).set({ ...set, updatedAt: new Date() }).where(eq(referrals.id, id));

export const insertEvent = (db: Tx, row: typeof referralEvents.$inferInsert) => db.insert(referralEvents).values(row);
export const eventsOf = (db: Tx, referralId: string) => db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId)).orderBy(asc(referralEvents.at));

export const referralsOfPatient = (db: Tx, orgId: string, patientId: string) =>
  db.select().from(referrals).where(and(eq(referrals.orgId, orgId), eq(referrals.patientId, patientId)));

export const referralsOfNavigator = (db: Tx, orgId: string, userId: string) =>
  db.select().from(referrals).where(and(eq(referrals.orgId, orgId), or(eq(referrals.navigatorId, userId), eq(referrals.createdBy, userId))));

export async function referralsToSites(db: Tx, orgId: string, siteIds: string[], states: readonly ReferralState[]) {
  if (!siteIds.length) return [];
  return db.select().from(referrals).where(and(eq(referrals.orgId, orgId), inArray(referrals.toSiteId, siteIds), inArray(referrals.state, [...states])));
}

export const packetItems = (db: Tx, referralId: string) =>
  db.select().from(referralPacketItems).where(and(eq(referralPacketItems.referralId, referralId), isNull(referralPacketItems.removedAt))).orderBy(asc(referralPacketItems.addedAt));

/** Referrals whose current packet holds this uploaded file. */
export const referralsHoldingAttachment = async (db: Tx, attachmentId: string) =>
  (await db.select({ referralId: referralPacketItems.referralId }).from(referralPacketItems).where(and(eq(referralPacketItems.attachmentId, attachmentId), isNull(referralPacketItems.removedAt)))).map((r: { referralId: string }) => r.referralId);

export const insertPacketItem = (db: Tx, row: typeof referralPacketItems.$inferInsert) => db.insert(referralPacketItems).values(row);

export const removePacketItem = (db: Tx, referralId: string, itemId: string) =>
  db.update(referralPacketItems).set({ removedAt: new Date() }).where(and(eq(referralPacketItems.id, itemId), eq(referralPacketItems.referralId, referralId), isNull(referralPacketItems.removedAt))).returning();

export async function activeConsent(db: Tx, referralId: string) {
  const [row] = await db.select().from(referralConsents).where(and(eq(referralConsents.referralId, referralId), isNull(referralConsents.revokedAt)));
  return row;
}

export async function latestConsent(db: Tx, referralId: string) {
  const rows = await db.select().from(referralConsents).where(eq(referralConsents.referralId, referralId));
  return rows.sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime())[0];
}

export const insertConsent = (db: Tx, row: typeof referralConsents.$inferInsert) => db.insert(referralConsents).values(row).onConflictDoNothing();

export const revokeConsent = (db: Tx, referralId: string, by: string) =>
  db.update(referralConsents).set({ revokedAt: new Date(), revokedBy: by }).where(and(eq(referralConsents.referralId, referralId), isNull(referralConsents.revokedAt))).returning();

export async function deadlineRule(db: Tx, orgId: string, type: ReferralRow['type']) {
  const [row] = await db.select().from(referralDeadlineRules).where(and(eq(referralDeadlineRules.orgId, orgId), eq(referralDeadlineRules.type, type)));
  return row;
}

export const deadlineRules = (db: Tx, orgId: string) => db.select().from(referralDeadlineRules).where(eq(referralDeadlineRules.orgId, orgId));

export const upsertDeadlineRule = (db: Tx, row: typeof referralDeadlineRules.$inferInsert) =>
  db.insert(referralDeadlineRules).values(row).onConflictDoUpdate({
    target: [referralDeadlineRules.orgId, referralDeadlineRules.type],
    set: { workingDays: row.workingDays, reminderDays: row.reminderDays, urgentWorkingDays: row.urgentWorkingDays ?? null, setBy: row.setBy, setAt: new Date() },
  });

export async function recommendationOf(db: Tx, referralId: string): Promise<RecommendationRow | undefined> {
  const [row] = await db.select().from(referralRecommendations).where(eq(referralRecommendations.referralId, referralId));
  return row;
}

export const insertRecommendation = (db: Tx, row: typeof referralRecommendations.$inferInsert) => db.insert(referralRecommendations).values(row);

// ---- case reviews ----
export async function findCaseReview(db: Tx, id: string): Promise<CaseReviewRow | undefined> {
  const [row] = await db.select().from(caseReviews).where(eq(caseReviews.id, id));
  return row;
}
export const insertCaseReview = (db: Tx, row: typeof caseReviews.$inferInsert) => db.insert(caseReviews).values(row);
export const setCaseReviewStatus = (db: Tx, id: string, status: CaseReviewRow['status']) => db.update(caseReviews).set({ status }).where(eq(caseReviews.id, id));
export const participantsOf = (db: Tx, id: string) => db.select().from(caseReviewParticipants).where(eq(caseReviewParticipants.caseReviewId, id));
export const addParticipants = (db: Tx, rows: Array<typeof caseReviewParticipants.$inferInsert>) =>
  rows.length ? db.insert(caseReviewParticipants).values(rows).onConflictDoNothing() : Promise.resolve();
export const agendaOf = (db: Tx, id: string) => db.select().from(caseReviewItems).where(eq(caseReviewItems.caseReviewId, id)).orderBy(asc(caseReviewItems.position));
export const insertAgendaItem = (db: Tx, row: typeof caseReviewItems.$inferInsert) => db.insert(caseReviewItems).values(row).onConflictDoNothing().returning();

export async function caseReviewsOfUser(db: Tx, userId: string) {
  return db
    .select({ review: caseReviews, role: caseReviewParticipants.role })
    .from(caseReviewParticipants)
    .innerJoin(caseReviews, eq(caseReviews.id, caseReviewParticipants.caseReviewId))
    .where(eq(caseReviewParticipants.userId, userId))
    .orderBy(asc(caseReviews.startsAt));
}

export async function caseReviewsOfReferrals(db: Tx, referralIds: string[]) {
  if (!referralIds.length) return [];
  return db
    .select({ review: caseReviews, referralId: caseReviewItems.referralId })
    .from(caseReviewItems)
    .innerJoin(caseReviews, eq(caseReviews.id, caseReviewItems.caseReviewId))
    .where(inArray(caseReviewItems.referralId, referralIds));
}

/** Counts one more use of a code pair the shipped table lacks. */
export async function recordCodingGap(db: Tx, orgId: string, topography: string, morphology: string) {
  await db
    .insert(referralCodingGaps)
    .values({ orgId, topography, morphology })
    .onConflictDoUpdate({
      target: [referralCodingGaps.orgId, referralCodingGaps.topography, referralCodingGaps.morphology],
      set: { seenCount: sql`${referralCodingGaps.seenCount} + 1`, lastSeen: new Date() },
    });
}

export async function codingGaps(db: Tx, orgId: string) {
  return db.select().from(referralCodingGaps).where(eq(referralCodingGaps.orgId, orgId)).orderBy(desc(referralCodingGaps.lastSeen));
}
