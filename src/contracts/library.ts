import { z } from 'zod';
import { Id, Locale } from './common.ts';
import { EURACAN_DOMAINS } from './referrals.ts';

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


/** A navigator of the organization adds an entry; it counts as reviewed by them today. */
export const CreateEntryRequest = z
  .object({
    kind: z.enum(LIBRARY_KINDS),
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().min(1).max(2000),
    organization: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https$/ }).max(500).nullable(),
    domain: z.enum(EURACAN_DOMAINS).nullable(),
    language: Locale,
    format: z.enum(LIBRARY_FORMATS).nullable(),
  })
  .strict();
export type CreateEntryRequest = z.infer<typeof CreateEntryRequest>;
