import type { Db } from '../db/client.ts';
import { auditLog } from './tables.ts';
import { verifyAudit, type AuditVerification } from './verify.ts';

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

/**
 * The row `record` inserts for an entry. A caller that folds its audit row into its own statement (a
 * data-modifying CTE, so the change and its row commit together in one round trip) inserts this.
 */
export function auditRow(entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: new Date(),
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
}

export class Audit {
  readonly #db: Db;
  readonly #secret: string;
  constructor(db: Db, secret: string) {
    this.#db = db;
    this.#secret = secret;
  }

  /**
   * Appends one row: a single INSERT that reads no other row and takes no lock, so audited requests
   * never wait on each other. Pass the caller's transaction so the row commits or rolls back with the
   * change it describes. Tamper evidence is added after commit by the sealer (docs/decisions/0013).
   */
  async record(entry: AuditEntry, tx?: Db): Promise<void> {
    await (tx ?? this.#db).insert(auditLog).values(auditRow(entry));
  }

  verify(): Promise<AuditVerification> {
    return verifyAudit(this.#db, this.#secret);
  }
}
