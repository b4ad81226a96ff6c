import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import type { Keyer, Redis } from '../platform/redis.ts';
import { auditLog } from '../platform/audit/tables.ts';
import { prepared } from '../platform/db/prepared.ts';
import { messageAttachments, messages, messageThreadMembers, messageThreads } from './tables.ts';

export type ThreadRow = typeof messageThreads.$inferSelect;
/** What a thread never changes after it is made: its organization, kind and patient (threads are never deleted). */
export type ThreadIdentity = Pick<ThreadRow, 'id' | 'orgId' | 'kind' | 'patientId'>;
export type MessageRow = typeof messages.$inferSelect;
export type MemberRow = typeof messageThreadMembers.$inferSelect;
export type AttachmentRow = typeof messageAttachments.$inferSelect;

export const findThread = async (db: Db, id: string) => (await db.select().from(messageThreads).where(eq(messageThreads.id, id)))[0];

export const careTeamThread = async (db: Db, patientId: string) =>
  (await db.select().from(messageThreads).where(and(eq(messageThreads.patientId, patientId), eq(messageThreads.kind, 'care_team'))))[0];

export const directThread = async (db: Db, directKey: string) =>
  (await db.select().from(messageThreads).where(and(eq(messageThreads.directKey, directKey), eq(messageThreads.kind, 'direct'))))[0];

export const consultThread = async (db: Db, consultationId: string) =>
  (await db.select().from(messageThreads).where(and(eq(messageThreads.consultationId, consultationId), eq(messageThreads.kind, 'consult'))))[0];

export async function insertThread(db: Db, row: typeof messageThreads.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(messageThreads).values(row).onConflictDoNothing().returning({ id: messageThreads.id });
  return inserted.length > 0;
}

const threadWithMembersQuery = prepared((db) =>
  db
    .select({ thread: messageThreads, member: messageThreadMembers })
    .from(messageThreads)
    .leftJoin(messageThreadMembers, eq(messageThreadMembers.threadId, messageThreads.id))
    .where(eq(messageThreads.id, sql.placeholder('id')))
    .prepare('messaging_thread_with_members'),
);

/** A thread and its stored members (past ones included) in one round trip: every send and read opens one. */
export async function threadWithMembers(db: Db, id: string) {
  const rows = await threadWithMembersQuery(db).execute({ id });
  if (!rows[0]) return undefined;
  return { thread: rows[0].thread, members: rows.flatMap((r) => (r.member ? [r.member] : [])) };
}

export const members = (db: Db, threadId: string) => db.select().from(messageThreadMembers).where(eq(messageThreadMembers.threadId, threadId));

export const threadsOfPatient = (db: Db, patientId: string) => db.select().from(messageThreads).where(eq(messageThreads.patientId, patientId));

export async function upsertMember(db: Db, threadId: string, userId: string, role: string) {
  await db
    .insert(messageThreadMembers)
    .values({ threadId, userId, role })
    .onConflictDoUpdate({ target: [messageThreadMembers.threadId, messageThreadMembers.userId], set: { leftAt: null, role } });
}

export async function leave(db: Db, threadId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await db
    .update(messageThreadMembers)
    .set({ leftAt: new Date() })
    .where(and(eq(messageThreadMembers.threadId, threadId), inArray(messageThreadMembers.userId, userIds), isNull(messageThreadMembers.leftAt)));
}

/** The user's threads with unread counts (messages from others after the user's read mark). */
export async function threadsOf(db: Db, userId: string) {
  return db
    .select({
      thread: messageThreads,
      lastReadSeq: messageThreadMembers.lastReadSeq,
      muted: messageThreadMembers.muted,
      unread: sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${messageThreads.id} and m.seq > ${messageThreadMembers.lastReadSeq} and m.sender_id is distinct from ${userId})`,
      // The inbox's preview line: the newest message a person wrote, cut short. Not a system note, and not the
      // out-of-hours answer, which would otherwise hide the patient's last words from the navigator all night.
      preview: sql<string | null>`(select left(m.body, 140) from ${messages} m where m.thread_id = ${messageThreads.id} and m.kind = 'user' order by m.seq desc limit 1)`,
      // Waiting since the first patient-side message after the last staff message (epoch ms).
      awaitingSinceMs: sql<number | null>`case when ${messageThreads.awaitingReply} then (select extract(epoch from min(m.created_at)) * 1000 from ${messages} m where m.thread_id = ${messageThreads.id} and m.kind = 'user' and m.seq > coalesce((select max(s.seq) from ${messages} s join ${messageThreadMembers} sm on sm.thread_id = s.thread_id and sm.user_id = s.sender_id where s.thread_id = ${messageThreads.id} and sm.role not in ('patient', 'caregiver')), 0)) end`,
    })
    .from(messageThreadMembers)
    .innerJoin(messageThreads, eq(messageThreads.id, messageThreadMembers.threadId))
    .where(and(eq(messageThreadMembers.userId, userId), isNull(messageThreadMembers.leftAt)))
    .orderBy(desc(messageThreads.urgent), desc(messageThreads.awaitingReply), sql`${messageThreads.lastMessageAt} desc nulls last`);
}

export async function activeMembersOf(db: Db, threadIds: string[]) {
  if (threadIds.length === 0) return [];
  return db
    .select()
    .from(messageThreadMembers)
    .where(and(inArray(messageThreadMembers.threadId, threadIds), isNull(messageThreadMembers.leftAt)));
}

/** PostgreSQL's unique_violation, however the driver wraps it (Drizzle keeps the driver's error as `cause`). */
const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && ((err as { code?: unknown }).code === '23505' || isUniqueViolation((err as { cause?: unknown }).cause));

// The thread's stored members (past ones included) as the statement found them, so a send needs no read before it.
const storedMembersJson = sql<StoredMemberJson[]>`(select coalesce(json_agg(json_build_object('threadId', m.thread_id, 'userId', m.user_id, 'role', m.role,
  'lastReadSeq', m.last_read_seq, 'muted', m.muted, 'joinedAt', m.joined_at, 'leftAt', m.left_at)), '[]'::json)
  from ${messageThreadMembers} m where m.thread_id = ${sql.placeholder('threadId')}::uuid)`;
type StoredMemberJson = Omit<MemberRow, 'joinedAt' | 'leftAt'> & { joinedAt: string; leftAt: string | null };

/** The statement of `insertNextMessage`, every value a placeholder: the same text whatever the send carries. */
const insertNextMessageQuery = prepared((db) => {
  const p = sql.placeholder;
  const bump = db.$with('bump').as(
    db
      .update(messageThreads)
      .set({
        lastSeq: sql`${messageThreads.lastSeq} + 1`,
        lastMessageAt: sql`${p('at')}::timestamptz`,
        awaitingReply: sql`coalesce(${p('awaitingReply')}::boolean, ${messageThreads.awaitingReply})`,
        urgent: sql`coalesce(${p('urgent')}::boolean, ${messageThreads.urgent})`,
      })
      .where(eq(messageThreads.id, sql`${p('threadId')}::uuid`))
      .returning({ lastSeq: messageThreads.lastSeq }),
  );
  const seq = sql`(select last_seq from ${bump})`;
  const audit = db.$with('audit').as(
    db
      .insert(auditLog)
      .values({
        at: p('at'),
        actor: p('actor'),
        actorRole: p('actorRole'),
        action: p('action'),
        targetType: p('targetType'),
        targetId: p('targetId'),
        patientId: p('patientId'),
        outcome: p('outcome'),
        requestId: p('requestId'),
        emergency: p('emergency'),
        details: sql`coalesce(${p('details')}::jsonb, '{}'::jsonb) || jsonb_build_object('seq', ${seq})`,
      })
      .returning({ seq: auditLog.seq }),
  );
  const attach = db.$with('attach').as(
    db
      .update(messageAttachments)
      .set({ messageId: sql`${p('id')}::uuid` })
      .where(and(sql`${messageAttachments.id} = any(${p('attachmentIds')}::uuid[])`, isNull(messageAttachments.messageId)))
      .returning({ id: messageAttachments.id }),
  );
  return db
    .with(bump, audit, attach)
    .insert(messages)
    .values({ id: p('id'), threadId: p('threadId'), senderId: p('senderId'), clientId: p('clientId'), kind: p('kind'), body: p('body'), seq })
    .returning({ ...getTableColumns(messages), members: storedMembersJson })
    .prepare('messaging_insert_next_message');
});

/**
 * One statement, so one round trip and no BEGIN/COMMIT (decision 0019): takes the thread's next sequence
 * number (the thread row's lock orders concurrent sends to one thread), inserts the message, attaches the
 * uploads and appends the audit row (its details gain the message's `seq`). A statement is atomic: a
 * sender's repeated client id violates `messages_client_key`, the whole statement is undone (the sequence
 * number is not consumed, no audit row stays) and this returns undefined. The thread's stored members come
 * back with the message, as this statement found them.
 */
export async function insertNextMessage(
  db: Db,
  flags: { awaitingReply?: boolean; urgent?: boolean },
  row: Omit<typeof messages.$inferInsert, 'seq'> & { id: string },
  also: { audit: typeof auditLog.$inferInsert; attachmentIds?: string[] },
): Promise<{ message: MessageRow; members: MemberRow[] } | undefined> {
  const { audit } = also;
  try {
    const [inserted] = await insertNextMessageQuery(db).execute({
      // `auditRow` names every column (null when unset): its keys are the audit placeholders.
      ...audit,
      details: audit.details ? JSON.stringify(audit.details) : null,
      awaitingReply: flags.awaitingReply ?? null,
      urgent: flags.urgent ?? null,
      threadId: row.threadId,
      id: row.id,
      senderId: row.senderId ?? null,
      clientId: row.clientId ?? null,
      kind: row.kind,
      body: row.body,
      attachmentIds: also.attachmentIds ?? [],
    });
    if (!inserted) return undefined;
    const { members: stored, ...message } = inserted;
    return { message, members: stored.map((m) => ({ ...m, joinedAt: new Date(m.joinedAt), leftAt: m.leftAt ? new Date(m.leftAt) : null })) };
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export async function messageByClientId(db: Db, senderId: string, clientId: string) {
  const [row] = await db.select().from(messages).where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)));
  return row;
}


export async function messagesAfter(db: Db, threadId: string, after: number, limit: number) {
  return db.select().from(messages).where(and(eq(messages.threadId, threadId), gt(messages.seq, after))).orderBy(asc(messages.seq)).limit(limit);
}

export async function messagesBefore(db: Db, threadId: string, before: number | undefined, limit: number) {
  const where = before === undefined ? eq(messages.threadId, threadId) : and(eq(messages.threadId, threadId), lt(messages.seq, before));
  const rows = await db.select().from(messages).where(where).orderBy(desc(messages.seq)).limit(limit);
  return rows.reverse();
}

export async function markRead(db: Db, threadId: string, userId: string, seq: number) {
  const [row] = await db
    .update(messageThreadMembers)
    .set({ lastReadSeq: sql`greatest(${messageThreadMembers.lastReadSeq}, least(${seq}, (select last_seq from ${messageThreads} where id = ${threadId})))` })
    .where(and(eq(messageThreadMembers.threadId, threadId), eq(messageThreadMembers.userId, userId), isNull(messageThreadMembers.leftAt)))
    .returning({ seq: messageThreadMembers.lastReadSeq });
  return row?.seq;
}

export async function setMuted(db: Db, threadId: string, userId: string, muted: boolean) {
  await db
    .update(messageThreadMembers)
    .set({ muted })
    .where(and(eq(messageThreadMembers.threadId, threadId), eq(messageThreadMembers.userId, userId), isNull(messageThreadMembers.leftAt)));
}

export async function setThreadFlags(db: Db, threadId: string, set: Partial<Pick<ThreadRow, 'assignedNavigatorId' | 'urgent' | 'awaitingReply'>>) {
  await db.update(messageThreads).set(set).where(eq(messageThreads.id, threadId));
}

export const insertAttachment = (db: Db, row: typeof messageAttachments.$inferInsert) => db.insert(messageAttachments).values(row);

export const findAttachment = async (db: Db, id: string) => (await db.select().from(messageAttachments).where(eq(messageAttachments.id, id)))[0];

export async function attachmentsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(messageAttachments).where(inArray(messageAttachments.id, ids));
}

export async function attachmentsOfMessages(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db.select().from(messageAttachments).where(inArray(messageAttachments.messageId, messageIds)).orderBy(asc(messageAttachments.createdAt));
}

/** Count and bytes of a user's uploads not yet sent in a message. */
export async function unsentUploads(db: Db, uploaderId: string) {
  const [row] = await db
    .select({ files: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${messageAttachments.size}), 0)::bigint` })
    .from(messageAttachments)
    .where(and(eq(messageAttachments.uploaderId, uploaderId), isNull(messageAttachments.messageId)));
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** Deletes uploads never sent in a message and older than the cutoff; returns their ids (for their files). */
export async function deleteUnsentBefore(db: Db, cutoff: Date, limit: number) {
  const stale = db
    .select({ id: messageAttachments.id })
    .from(messageAttachments)
    .where(and(isNull(messageAttachments.messageId), lt(messageAttachments.createdAt, cutoff)))
    .limit(limit);
  const rows = await db.delete(messageAttachments).where(and(inArray(messageAttachments.id, stale), isNull(messageAttachments.messageId))).returning({ id: messageAttachments.id });
  return rows.map((r) => r.id);
}

/** Claims the delivery of a message in Redis: true for exactly one caller, the first send or a repeat after a crash. */
export async function claimDelivery(redis: Redis, key: Keyer, messageId: string): Promise<boolean> {
  return (await redis.set(key('msg', 'delivered', messageId), '1', 'EX', DELIVERY_CLAIM_SECONDS, 'NX')) === 'OK';
}

export async function wasDelivered(redis: Redis, key: Keyer, messageId: string): Promise<boolean> {
  return (await redis.exists(key('msg', 'delivered', messageId))) === 1;
}

/** A repeat of a send older than this is answered without delivering again (clients dedupe by id anyway). */
const DELIVERY_CLAIM_SECONDS = 7 * 24 * 3600;
