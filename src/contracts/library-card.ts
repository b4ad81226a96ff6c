import type { LibraryEntryView } from './library.ts';

/**
 * A library entry shared into a chat travels as an ordinary message whose last line names the entry:
 * every client shows the text, and the web app draws it as a card linking to the entry. Zod-free, so
 * the chat bundle does not carry the contracts' schemas.
 */
export const LIBRARY_CARD_MARK = '#library:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function libraryCardBody(entry: Pick<LibraryEntryView, 'id' | 'title' | 'organization' | 'url'>): string {
  return [entry.title, entry.organization, ...(entry.url ? [entry.url] : []), `${LIBRARY_CARD_MARK}${entry.id}`].join('\n');
}

export function parseLibraryCard(body: string): { id: string; lines: string[] } | null {
  const lines = body.split('\n');
  const last = lines.at(-1) ?? '';
  if (!last.startsWith(LIBRARY_CARD_MARK)) return null;
  const id = last.slice(LIBRARY_CARD_MARK.length);
  return UUID.test(id) ? { id, lines: lines.slice(0, -1) } : null;
}
