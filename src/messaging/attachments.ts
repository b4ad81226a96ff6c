import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentInfo } from '../contracts/messaging.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import * as people from '../people/service.ts';
import * as repo from './repo.ts';
import { openThread } from './service.ts';

type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * Uploads wait for the message that sends them; unsent ones are capped per user (a disk cannot be
 * filled by one account) and removed after a day (UNSENT_TTL_MS) by the maintenance job.
 */
export const UNSENT_MAX_FILES = 20;
export const UNSENT_MAX_BYTES = 50 * 1024 * 1024;
export const UNSENT_TTL_MS = 24 * 3600_000;
const EXTENSION: Record<AttachmentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * Where records live: config.uploadDir, refused when it lies inside the web root (SECURITY.md S22), so
 * no upload can ever be served as a static file. Files are named by id, with no extension, mode 0600.
 */
export function uploadRoot(deps: Deps): string {
  const root = resolve(deps.config.uploadDir);
  const web = resolve(deps.config.webDist);
  const rel = relative(web, root);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) throw new AppError('unavailable', 'The upload directory must lie outside the web root.');
  return root;
}

/** A file name safe for a header and a file system: no path, no control characters or quotes, the real extension. */
export function safeFileName(name: string, type: AttachmentType): string {
  const ext = EXTENSION[type];
  let base = basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\p{Cf}"'<>:;|?*/\\]/gu, '')
    .trim()
    .slice(0, 150);
  base = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base || 'document'}.${ext}`;
}

/** Type by content, never by name or the browser's claim: PDF, JPEG or PNG only. */
export async function detectType(bytes: Uint8Array): Promise<AttachmentType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return found && (ATTACHMENT_TYPES as readonly string[]).includes(found.mime) ? (found.mime as AttachmentType) : null;
}

export async function upload(deps: Deps, actor: Actor, threadId: string, file: { name: string; bytes: Uint8Array }): Promise<AttachmentInfo> {
  const open = await openThread(deps, actor, threadId);
  if (!open.members.some((m) => m.userId === actor.userId)) throw new AppError('forbidden');
  if (file.bytes.byteLength === 0) throw new AppError('invalid', 'The file is empty.', [{ path: 'file', message: 'empty' }]);
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new AppError('invalid', 'The file is too large.', [{ path: 'file', message: 'too_large' }]);
  const type = await detectType(file.bytes);
  if (!type) throw new AppError('invalid', 'Only PDF, JPEG and PNG files can be sent.', [{ path: 'file', message: 'type' }]);
  const pending = await repo.unsentUploads(deps.db, actor.userId);
  if (pending.files >= UNSENT_MAX_FILES || pending.bytes + file.bytes.byteLength > UNSENT_MAX_BYTES) {
    throw new AppError('rate_limited', 'Send or wait for your earlier uploads before adding more.', [{ path: 'file', message: 'quota' }]);
  }
  const id = randomUUID();
  const root = uploadRoot(deps);
  await mkdir(root, { recursive: true, mode: 0o700 });
  await writeFile(join(root, id), file.bytes, { mode: 0o600, flag: 'wx' });
  const row = {
    id,
    threadId,
    uploaderId: actor.userId,
    fileName: safeFileName(file.name, type),
    contentType: type,
    size: file.bytes.byteLength,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
  await deps.db.transaction(async (tx) => {
    await repo.insertAttachment(tx as never, row);
    const entry = { action: 'attachment.upload', targetType: 'attachment', targetId: id, details: { threadId, size: row.size, type } };
    if (open.thread.patientId) await people.auditPhi(deps, actor, { ...entry, patientId: open.thread.patientId }, tx as never);
    else await deps.audit.record({ actor: actor.userId, actorRole: actor.role, outcome: 'success', requestId: actor.requestId, ...entry }, tx as never);
  });
  return { id, fileName: row.fileName, contentType: type, size: row.size };
}

/**
 * A download: only members of the attachment's thread (and, before it is sent, only its uploader);
 * every download audited. The caller serves it with Content-Disposition: attachment.
 */
export async function download(deps: Deps, actor: Actor, attachmentId: string) {
  const row = await repo.findAttachment(deps.db, attachmentId);
  if (!row) throw new AppError('not_found');
  const open = await openThread(deps, actor, row.threadId);
  if (!row.messageId && row.uploaderId !== actor.userId) throw new AppError('not_found');
  const file = await storedAttachment(deps, row.id);
  const entry = { action: 'attachment.download', targetType: 'attachment', targetId: row.id, details: { threadId: row.threadId } };
  if (open.thread.patientId) await people.auditPhi(deps, actor, { ...entry, patientId: open.thread.patientId, access: open.access === 'member' ? undefined : open.access });
  else await deps.audit.record({ actor: actor.userId, actorRole: actor.role, outcome: 'success', requestId: actor.requestId, ...entry });
  return file;
}

/**
 * What another domain (a referral's records packet) may know of an upload the actor can read: its
 * patient and file facts. Null when there is no such sent upload or the actor is not in its thread.
 */
export async function attachmentInfo(deps: Deps, actor: Actor, attachmentId: string) {
  const row = await repo.findAttachment(deps.db, attachmentId);
  if (!row || !row.messageId) return null;
  const open = await openThread(deps, actor, row.threadId).catch(() => null);
  if (!open?.thread.patientId) return null;
  return { id: row.id, patientId: open.thread.patientId, contentType: row.contentType, size: row.size, filename: row.fileName };
}

/**
 * The stored file of an upload, for a domain that has authorised and audited the read itself (a
 * receiving site reading a consented records packet). Thread membership is not checked here.
 */
export async function storedAttachment(deps: Deps, attachmentId: string) {
  const row = await repo.findAttachment(deps.db, attachmentId);
  if (!row) throw new AppError('not_found');
  const path = join(uploadRoot(deps), row.id);
  const size = (await stat(path).catch(() => null))?.size;
  if (size === undefined) throw new AppError('not_found');
  return { fileName: row.fileName, contentType: row.contentType, size, stream: () => createReadStream(path) };
}

/** Maintenance: uploads never sent within a day are deleted, rows first, then their files. */
export async function removeUnsentUploads(deps: Pick<Deps, 'db' | 'config'>, now = new Date()): Promise<number> {
  const root = uploadRoot(deps as Deps);
  let removed = 0;
  for (;;) {
    const ids = await repo.deleteUnsentBefore(deps.db, new Date(now.getTime() - UNSENT_TTL_MS), 500);
    await Promise.all(ids.map((id) => rm(join(root, id), { force: true })));
    removed += ids.length;
    if (ids.length < 500) return removed;
  }
}
