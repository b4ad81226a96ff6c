import { createHmac } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from './tables.ts';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  /** A user id, `system:<component>`, or `anonymous` (failed logins): never null (SECURITY.md S1). */
  actor: string;
  actorRole?: string | undefined;
  action: string;
  targetType?: string | undefined;
  targetId?: string | undefined;
  patientId?: string | undefined;
  outcome: AuditOutcome;
  requestId?: string | undefined;
  emergency?: boolean | undefined;
  /** Ids and codes only; never PHI. */
  details?: Record<string, string | number | boolean | null> | undefined;
}

const GENESIS = '0'.repeat(64);

interface HashedFields {
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  patientId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  emergency: boolean;
  details: Record<string, unknown> | null;
}

function sortKeys(value: Record<string, unknown> | null): Record<string, unknown> | null {
  return value && Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

function chainHash(secret: string, prevHash: string, f: HashedFields): string {
  // Fixed field order; details sorted, because jsonb does not keep key order.
  const canonical = JSON.stringify([
    f.at, f.actor, f.actorRole, f.action, f.targetType, f.targetId, f.patientId, f.outcome, f.requestId, f.emergency, sortKeys(f.details),
  ]);
  return createHmac('sha256', secret).update(prevHash).update('\n').update(canonical).digest('hex');
}

export class Audit {
  readonly #db: Db;
  readonly #secret: string;
  constructor(db: Db, secret: string) {
    this.#db = db;
    this.#secret = secret;
  }

  /**
   * Appends one row to the hash chain. Pass the caller's transaction so the audit row commits or rolls
   * back with the change it describes. The advisory lock serialises appends so the chain never forks.
   */
  async record(entry: AuditEntry, tx?: Db): Promise<void> {
    const run = async (db: Db) => {
      await db.execute(sql`select pg_advisory_xact_lock(727171)`);
      const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
      const fields: HashedFields = {
        at: new Date().toISOString(),
        actor: entry.actor,
        actorRole: entry.actorRole ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        patientId: entry.patientId ?? null,
        outcome: entry.outcome,
        requestId: entry.requestId ?? null,
        emergency: entry.emergency ?? false,
        details: entry.details ?? null,
      };
      const prevHash = last?.hash ?? GENESIS;
      await db.insert(auditLog).values({
        ...fields,
        at: new Date(fields.at),
        details: entry.details ?? null,
        prevHash,
        hash: chainHash(this.#secret, prevHash, fields),
      });
    };
    if (tx) await run(tx);
    else await this.#db.transaction((t) => run(t as unknown as Db));
  }

  /** Walks the chain; returns the sequence numbers of rows whose content or link does not verify. */
  async verify(): Promise<{ rows: number; broken: number[] }> {
    const broken: number[] = [];
    let prev = GENESIS;
    let rows = 0;
    let after = 0;
    for (;;) {
      const batch = await this.#db.select().from(auditLog).where(sql`${auditLog.seq} > ${after}`).orderBy(asc(auditLog.seq)).limit(1000);
      if (batch.length === 0) break;
      for (const r of batch) {
        rows++;
        const expected = chainHash(this.#secret, r.prevHash, {
          at: r.at.toISOString(),
          actor: r.actor,
          actorRole: r.actorRole,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          patientId: r.patientId,
          outcome: r.outcome,
          requestId: r.requestId,
          emergency: r.emergency,
          details: r.details,
        });
        if (r.prevHash !== prev || r.hash !== expected) broken.push(r.seq);
        prev = r.hash;
        after = r.seq;
      }
    }
    return { rows, broken };
  }
}
