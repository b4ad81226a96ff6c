import { createHmac } from 'node:crypto';
import type { auditLog } from './tables.ts';

export const GENESIS = '0'.repeat(64);

type Row = typeof auditLog.$inferSelect;

function sortKeys(value: Record<string, unknown> | null): Record<string, unknown> | null {
  return value && Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

/** A keyed hash of one audit row's content and its place (seq) in the log. */
export function rowHash(secret: string, r: Row): string {
  // Fixed field order; details sorted, because jsonb does not keep key order.
  const canonical = JSON.stringify([
    r.seq, r.at.toISOString(), r.actor, r.actorRole, r.action, r.targetType, r.targetId, r.patientId, r.outcome, r.requestId, r.emergency, sortKeys(r.details),
  ]);
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** Chains one sealed batch to the one before it. */
export function batchHash(secret: string, prevHash: string, b: { batch: number; lastSeq: number; seqs: number[]; rowHashes: string[] }): string {
  return createHmac('sha256', secret)
    .update(`${prevHash}\n${b.batch}\n${b.lastSeq}\n${b.seqs.join(',')}\n${b.rowHashes.join(',')}`)
    .digest('hex');
}
