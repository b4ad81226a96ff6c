import { asc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { batchHash, GENESIS, rowHash } from './hashes.ts';
import { auditLog, auditSeals } from './tables.ts';

export type AuditProblem = 'altered' | 'deleted' | 'inserted';

export interface AuditVerification {
  /** Audit rows checked against the seals. */
  rows: number;
  batches: number;
  /** Seqs of sealed rows that do not verify, in order (details in `problems`). */
  broken: number[];
  problems: Array<{ seq: number; problem: AuditProblem }>;
  /** Batches whose seal does not verify or does not chain to the one before. */
  brokenSeals: number[];
  /** Rows committed after the last seal: not yet tamper-evident. */
  unsealed: { rows: number; firstSeq: number | null; oldestAt: string | null };
}

const PAGE = 200;

/**
 * Walks the seals in order: each must chain to the previous one, and the audit rows in its seq range
 * must be exactly the rows it names, each with the content it hashed.
 */
export async function verifyAudit(db: Db, secret: string): Promise<AuditVerification> {
  const problems: AuditVerification['problems'] = [];
  const brokenSeals: number[] = [];
  let rows = 0;
  let batches = 0;
  let prevHash = GENESIS;
  let after = 0;
  for (;;) {
    const seals = await db.select().from(auditSeals).where(sql`${auditSeals.batch} > ${batches}`).orderBy(asc(auditSeals.batch)).limit(PAGE);
    if (seals.length === 0) break;
    for (const s of seals) {
      batches = s.batch;
      if (s.prevHash !== prevHash || s.hash !== batchHash(secret, s.prevHash, s) || s.seqs.length !== s.rowHashes.length) brokenSeals.push(s.batch);
      prevHash = s.hash;
      const expected = new Map(s.seqs.map((seq, i) => [seq, s.rowHashes[i]!]));
      const found = await db.select().from(auditLog).where(sql`${auditLog.seq} > ${after} and ${auditLog.seq} <= ${s.lastSeq}`).orderBy(asc(auditLog.seq));
      for (const r of found) {
        rows++;
        const hash = expected.get(r.seq);
        if (hash === undefined) problems.push({ seq: r.seq, problem: 'inserted' });
        else if (hash !== rowHash(secret, r)) problems.push({ seq: r.seq, problem: 'altered' });
        expected.delete(r.seq);
      }
      for (const seq of expected.keys()) problems.push({ seq, problem: 'deleted' });
      after = s.lastSeq;
    }
  }
  const [tail] = await db
    .select({ rows: sql<number>`count(*)::int`, first: sql<string | null>`min(${auditLog.seq})`, oldest: sql<string | null>`to_char(min(${auditLog.at}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` })
    .from(auditLog)
    .where(sql`${auditLog.seq} > ${after}`);
  problems.sort((a, b) => a.seq - b.seq);
  return {
    rows,
    batches,
    broken: problems.map((p) => p.seq),
    problems,
    brokenSeals,
    unsealed: { rows: Number(tail?.rows ?? 0), firstSeq: tail?.first == null ? null : Number(tail.first), oldestAt: tail?.oldest ?? null },
  };
}
