import type { ThreadIdentity } from './repo.ts';

/** Enough for every thread a node sends to in a busy week; the oldest entry makes room for a new one. */
const LIMIT = 100_000;
const known = new Map<string, ThreadIdentity>();

/**
 * Threads this process has read. A thread never changes organization, kind or patient and is never
 * deleted, so an entry cannot go stale: a send to a known care-team thread needs no read before it.
 */
export function rememberThread(thread: ThreadIdentity): void {
  if (known.has(thread.id)) return;
  if (known.size >= LIMIT) known.delete(known.keys().next().value as string);
  known.set(thread.id, { id: thread.id, orgId: thread.orgId, kind: thread.kind, patientId: thread.patientId });
}

export const knownThread = (id: string): ThreadIdentity | undefined => known.get(id);
