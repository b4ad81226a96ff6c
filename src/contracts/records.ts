import { z } from 'zod';
import { Id } from './common.ts';

export const DOCUMENT_KINDS = ['pathology', 'imaging', 'lab', 'letter', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Registers an uploaded file (POST /api/threads/:careTeamThreadId/attachments first) as a record. */
export const AddDocumentRequest = z
  .object({
    attachmentId: Id,
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string().trim().min(1).max(200),
    documentDate: z.iso.date().nullable().optional(),
  })
  .strict();

/** Corrects a record's type, title or date; the file itself does not change. */
export const EditDocumentRequest = z
  .object({
    kind: z.enum(DOCUMENT_KINDS).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    documentDate: z.iso.date().nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type EditDocumentRequest = z.infer<typeof EditDocumentRequest>;

export interface DocumentShare {
  referralId: string;
  type: string;
  toSiteName: string;
  state: string;
  consent: { status: 'none' | 'active' | 'revoked'; method: string | null; grantedAt: string | null; revokedAt: string | null };
}

export interface DocumentView {
  id: string;
  attachmentId: string;
  kind: DocumentKind;
  title: string;
  documentDate: string | null;
  fileName: string;
  uploadedByName: string;
  createdAt: string;
  /** The referrals whose records packet holds this file, and the consent each is shared under. */
  sharedWith: DocumentShare[];
}

export interface RecordsView {
  /** The care-team thread the file is uploaded into before it is registered. */
  threadId: string;
  documents: DocumentView[];
}
