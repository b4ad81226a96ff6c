import { randomUUID } from 'node:crypto';
import type { DocumentShare, DocumentView, EditDocumentRequest, RecordsView } from '../contracts/records.ts';
import { attachmentInfo } from '../messaging/attachments.ts';
import { ensureCareTeamThread, sendMessage } from '../messaging/service.ts';
import * as people from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { getReferral, isInAPacket, listForPatient as referralsOf } from '../referrals/service.ts';
import * as repo from './repo.ts';

/**
 * "My records" (docs/decisions/0713-my-records.md): the patient's own uploads with a type and date.
 * The file is a message attachment in the care-team thread (messaging checks its type by content, its
 * size, stores it outside the web root and decides who may download it); a referral's records packet
 * takes it from there, so "shared with" is read from the referrals that hold it, with their consent.
 */

async function sharesByAttachment(deps: Deps, actor: Actor, patientId: string): Promise<Map<string, DocumentShare[]>> {
  const shares = new Map<string, DocumentShare[]>();
  for (const summary of await referralsOf(deps, actor, patientId)) {
    const referral = await getReferral(deps, actor, summary.id);
    for (const item of referral.packet ?? []) {
      if (!item.attachmentId) continue;
      const list = shares.get(item.attachmentId) ?? [];
      list.push({ referralId: referral.id, type: referral.type, toSiteName: referral.toSiteName, state: referral.state, consent: referral.consent });
      shares.set(item.attachmentId, list);
    }
  }
  return shares;
}

export async function listRecords(deps: Deps, actor: Actor, patientId: string): Promise<RecordsView> {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'records');
  const rows = await repo.documentsOf(deps.db, patientId);
  const [thread, shares, users] = await Promise.all([
    ensureCareTeamThread(deps, patientId),
    sharesByAttachment(deps, actor, patientId),
    people.getUsers(deps, [...new Set(rows.map((r) => r.uploadedBy))]),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const documents: DocumentView[] = [];
  for (const r of rows) {
    const file = await attachmentInfo(deps, actor, r.attachmentId);
    documents.push({
      id: r.id,
      attachmentId: r.attachmentId,
      kind: r.kind,
      title: r.title,
      documentDate: r.documentDate,
      fileName: file?.filename ?? '',
      uploadedByName: names.get(r.uploadedBy) ?? '',
      createdAt: r.createdAt.toISOString(),
      sharedWith: shares.get(r.attachmentId) ?? [],
    });
  }
  await people.auditPhi(deps, actor, { action: 'records.list', patientId, targetType: 'patient_documents', access, details: { count: documents.length } });
  return { threadId: thread.id, documents };
}

/**
 * Registers a file just uploaded to the care-team thread as a record: it is sent there with a short
 * note (so the team sees it and it becomes readable to them), then typed and dated here.
 */
export async function addRecord(deps: Deps, actor: Actor, patientId: string, input: { attachmentId: string; kind: DocumentView['kind']; title: string; documentDate?: string | null | undefined }) {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'records');
  const thread = await ensureCareTeamThread(deps, patientId);
  const patient = await people.getUser(deps, patientId);
  const t = translator(patient?.locale ?? 'en', 'records');
  const sent = await sendMessage(deps, actor, { threadId: thread.id, clientId: randomUUID(), body: t('addedMessage', { title: input.title, kind: t(`kind.${input.kind}`) }), attachmentIds: [input.attachmentId] });
  const info = await attachmentInfo(deps, actor, input.attachmentId);
  if (info?.patientId !== patientId) throw new AppError('not_found');
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertDocument(tx as never, { id, patientId, attachmentId: input.attachmentId, kind: input.kind, title: input.title, documentDate: input.documentDate ?? null, uploadedBy: actor.userId });
    await people.auditPhi(deps, actor, { action: 'records.add', patientId, targetType: 'patient_document', targetId: id, access, details: { kind: input.kind } }, tx as never);
  });
  await sent.after();
  return id;
}

/** Corrects the type, title or date of one of the patient's records. Another patient's record is not_found. */
export async function editRecord(deps: Deps, actor: Actor, patientId: string, documentId: string, input: EditDocumentRequest) {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'records');
  const row = await repo.findDocument(deps.db, patientId, documentId);
  if (!row) throw new AppError('not_found');
  await deps.db.transaction(async (tx) => {
    await repo.updateDocument(tx as never, documentId, input);
    await people.auditPhi(deps, actor, { action: 'records.edit', patientId, targetType: 'patient_document', targetId: documentId, access, details: { fields: Object.keys(input).join(',') } }, tx as never);
  });
}

/**
 * Takes a document off "My records". A file a referral's records packet holds is kept: the receiving
 * site may be reading it under the patient's consent (docs/decisions/0716). The file stays in the
 * care-team conversation it was sent in; the team has seen it there.
 */
export async function deleteRecord(deps: Deps, actor: Actor, patientId: string, documentId: string) {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'records');
  const row = await repo.findDocument(deps.db, patientId, documentId);
  if (!row) throw new AppError('not_found');
  if (await isInAPacket(deps, row.attachmentId)) {
    throw new AppError('conflict', 'This document is part of a referral’s records packet and cannot be deleted. Ask your navigator to take it out of the packet first.', [{ path: 'documentId', message: 'in_referral_packet' }]);
  }
  await deps.db.transaction(async (tx) => {
    await repo.deleteDocument(tx as never, documentId);
    await people.auditPhi(deps, actor, { action: 'records.delete', patientId, targetType: 'patient_document', targetId: documentId, access, details: { kind: row.kind } }, tx as never);
  });
}
