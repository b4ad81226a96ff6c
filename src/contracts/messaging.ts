import { z } from 'zod';
import { Id, Locale, type AckFn } from './common.ts';
import { CrisisView } from './rules.ts';

/**
 * Secure messaging: REST bodies, socket payloads and the event maps shared by the server and web/.
 * Every client payload is a strict object: unknown keys are refused as `invalid` (SECURITY.md S8).
 */

export const THREAD_KINDS = ['care_team', 'staff', 'direct', 'consult'] as const;
export const ThreadKind = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof ThreadKind>;

export const MESSAGE_BODY_MAX = 4000;
export const ATTACHMENTS_PER_MESSAGE_MAX = 5;
/** Records uploads: PDF, JPEG or PNG, checked by content, at most this size. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const CRISIS_CATEGORIES = ['self_harm', 'breathing', 'chest_pain', 'fever'] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const AttachmentInfo = z.object({
  id: Id,
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const Message = z.object({
  id: Id,
  threadId: Id,
  seq: z.number().int(),
  /** null for automatic and system messages (out-of-hours answer, hand-over notes). */
  senderId: Id.nullable(),
  clientId: Id.nullable(),
  kind: z.enum(['user', 'auto', 'system']),
  body: z.string(),
  attachments: z.array(AttachmentInfo),
  createdAt: z.string(),
});
export type Message = z.infer<typeof Message>;

export const ThreadMember = z.object({ userId: Id, name: z.string(), role: z.string(), lastReadSeq: z.number().int() });
export type ThreadMember = z.infer<typeof ThreadMember>;

export const ThreadSummary = z.object({
  id: Id,
  kind: ThreadKind,
  patientId: Id.nullable(),
  patientName: z.string().nullable(),
  title: z.string(),
  lastSeq: z.number().int(),
  lastReadSeq: z.number().int(),
  unread: z.number().int(),
  muted: z.boolean(),
  lastMessageAt: z.string().nullable(),
  /** The last message came from the patient's side and no staff member has answered it yet. */
  awaitingReply: z.boolean(),
  /** Crisis language was detected and no staff member has answered since. */
  urgent: z.boolean(),
  assignedNavigatorId: Id.nullable(),
  members: z.array(ThreadMember),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

// ---- Socket payloads (client to server) ----

export const SendMessage = z.object({
  threadId: Id,
  /** The client's UUID for this message: a repeat is absorbed and answered with the stored message. */
  clientId: Id,
  body: z.string().max(MESSAGE_BODY_MAX),
  attachmentIds: z.array(Id).max(ATTACHMENTS_PER_MESSAGE_MAX).optional(),
}).strict().refine((m) => m.body.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: 'a message needs text or an attachment', path: ['body'] });
export type SendMessage = z.infer<typeof SendMessage>;

export const SyncRequest = z.object({
  threadId: Id,
  /** The last sequence number the client has; the answer holds everything after it, in order. */
  after: Seq,
  limit: z.number().int().min(1).max(500).optional(),
}).strict();

export const ReadRequest = z.object({ threadId: Id, seq: Seq }).strict();
export const TypingRequest = z.object({ threadId: Id, typing: z.boolean() }).strict();

/** What the web shows at once when a patient's message contains crisis language (texts in locales). */
/** The resources come from the organization's crisis data for the patient's country, as on check-ins. */
export const CrisisNotice = z.object({ categories: z.array(z.enum(CRISIS_CATEGORIES)), locale: Locale, resources: CrisisView });
export type CrisisNotice = z.infer<typeof CrisisNotice>;

export interface SendResult {
  message: Message;
  /** Present when the message contained crisis language: the client shows crisis resources now. */
  crisis?: CrisisNotice;
}
export interface SyncResult {
  messages: Message[];
  /** More messages follow the last one returned: ask again with its seq. */
  hasMore: boolean;
}

// ---- REST ----

export const HistoryQuery = z.object({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict().refine((q) => q.before === undefined || q.after === undefined, { message: 'use before or after, not both' });

export const PostMessage = z.object({
  clientId: Id,
  body: z.string().max(MESSAGE_BODY_MAX),
  attachmentIds: z.array(Id).max(ATTACHMENTS_PER_MESSAGE_MAX).optional(),
}).strict().refine((m) => m.body.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: 'a message needs text or an attachment', path: ['body'] });

export const CreateThread = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), patientId: Id, memberIds: z.array(Id).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('direct'), userId: Id }).strict(),
  z.object({ kind: z.literal('consult'), patientId: Id, specialistId: Id, consultationId: Id }).strict(),
]);
export type CreateThread = z.infer<typeof CreateThread>;

export const MuteRequest = z.object({ muted: z.boolean() }).strict();
export const HandoverRequest = z.object({ navigatorId: Id }).strict();

export const REPLY_TEMPLATE_KEYS = ['received', 'callSoon', 'appointmentBooked', 'sendRecords', 'checkinReminder', 'emergency'] as const;
export const ReplyTemplate = z.object({ key: z.enum(REPLY_TEMPLATE_KEYS), text: z.string() });

// ---- Event maps (merged into src/contracts/socket.ts) ----

export interface MessagingServerToClientEvents {
  /** A new message in one of the user's threads, delivered to every open socket of every member. */
  'message:new': (payload: { message: Message }) => void;
  /** A member has read up to `seq`. */
  'message:read': (payload: { threadId: string; userId: string; seq: number }) => void;
  'thread:typing': (payload: { threadId: string; userId: string; typing: boolean }) => void;
  /** The patient's other devices learn too that crisis resources should be shown. */
  'message:crisis': (payload: { threadId: string; messageId: string; crisis: CrisisNotice }) => void;
}

export interface MessagingClientToServerEvents {
  'message:send': (payload: SendMessage, ack: AckFn<SendResult>) => void;
  'message:sync': (payload: z.input<typeof SyncRequest>, ack: AckFn<SyncResult>) => void;
  'message:read': (payload: z.input<typeof ReadRequest>, ack: AckFn<{ threadId: string; seq: number }>) => void;
  'thread:typing': (payload: z.input<typeof TypingRequest>, ack: AckFn<Record<string, never>>) => void;
}
