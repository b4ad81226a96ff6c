import { z } from 'zod';
import { Id, Locale } from './common.ts';

export const LIBRARY_KINDS = ['information', 'advocacy', 'support_group'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export const LIBRARY_FORMATS = ['online', 'in_person', 'both'] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

export const LibraryQuery = z
  .object({
    /** The patient a caregiver or clinician is looking for; a patient's own diagnosis is used without it. */
    patientId: Id.optional(),
    language: Locale.optional(),
  })
  .strict();

export const ShareEntryRequest = z.object({ threadId: Id }).strict();

export interface LibraryEntryView {
  id: string;
  kind: LibraryKind;
  title: string;
  summary: string;
  organization: string;
  url: string | null;
  domain: string | null;
  family: string | null;
  language: string;
  format: LibraryFormat | null;
  reviewedOn: string;
  reviewer: string;
  /** Matches the patient's diagnosis group and language. */
  matches: boolean;
}

