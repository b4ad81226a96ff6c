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

/**
 * A library entry shared into a chat travels as an ordinary message whose last line names the entry:
 * every client shows the text, and the web app draws it as a card linking to the entry.
 */
export const LIBRARY_CARD_MARK = '#library:';

export function libraryCardBody(entry: Pick<LibraryEntryView, 'id' | 'title' | 'organization' | 'url'>): string {
  return [entry.title, entry.organization, ...(entry.url ? [entry.url] : []), `${LIBRARY_CARD_MARK}${entry.id}`].join('\n');
}

export function parseLibraryCard(body: string): { id: string; lines: string[] } | null {
  const lines = body.split('\n');
  const last = lines.at(-1) ?? '';
  if (!last.startsWith(LIBRARY_CARD_MARK)) return null;
  const id = last.slice(LIBRARY_CARD_MARK.length);
  return Id.safeParse(id).success ? { id, lines: lines.slice(0, -1) } : null;
}
