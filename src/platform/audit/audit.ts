import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
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

/** Flushes of waiting rows in flight at once per process: parallel on PostgreSQL, never one funnel. */
const MAX_FLUSHES = 4;
const MAX_BATCH = 200;

/**
 * A group commit's rows in one prepared statement of fixed shape, whatever their number: the rows travel
 * as one JSON parameter. Building a multi-row INSERT with Drizzle cost more CPU than the round trip (8 % of
 * the process in the http bench). `seq` and `tx` are drawn by the audit_log_stamp trigger (migration 1500).
 */
const appendQuery = prepared((db) =>
  db
    .insert(auditLog)
    .select(
      sql`select null::bigint, r.at, r.actor, r.actor_role, r.action, r.target_type, r.target_id, r.patient_id, r.outcome, r.request_id, r.emergency, r.details, null::xid8
        from json_to_recordset(${sql.placeholder('rows')}::json) as r(at timestamptz, actor text, actor_role text, action text, target_type text, target_id text,
          patient_id uuid, outcome text, request_id text, emergency boolean, details jsonb)`,
    )
    .prepare('audit_append'),
);

const appendRows = (db: Db, rows: Array<typeof auditLog.$inferInsert>) =>
  appendQuery(db).execute({
    rows: JSON.stringify(
      rows.map((r) => ({
        at: r.at,
        actor: r.actor,
        actor_role: r.actorRole,
        action: r.action,
        target_type: r.targetType,
        target_id: r.targetId,
        patient_id: r.patientId,
        outcome: r.outcome,
        request_id: r.requestId,
        emergency: r.emergency,
        details: r.details,
      })),
    ),
  });

interface Waiting {
  row: typeof auditLog.$inferInsert;
  done: (err?: unknown) => void;
}

export class Audit {
  readonly #db: Db;
  readonly #secret: string;
  #waiting: Waiting[] = [];
  #flushes = 0;
  #scheduled = false;
  constructor(db: Db, secret: string) {
    this.#db = db;
    this.#secret = secret;
  }

  /**
   * Appends one row: an INSERT that reads no other row and takes no lock, so audited requests never wait
   * on each other. Pass the caller's transaction so the row commits or rolls back with the change it
   * describes. Tamper evidence is added after commit by the sealer (docs/decisions/0013).
   *
   * A row outside a transaction (an audited read) joins the rows other requests of this process append
   * at the same moment: one multi-row INSERT commits them together, and each caller returns only once its
   * row has committed (group commit, decision 0019). Nothing is shared between processes.
   */
  async record(entry: AuditEntry, tx?: Db): Promise<void> {
    if (tx) {
      await tx.insert(auditLog).values(auditRow(entry));
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.#waiting.push({ row: auditRow(entry), done: (err) => (err === undefined ? resolve() : reject(err as Error)) });
      this.#schedule();
    });
  }

  /**
   * The INSERT of several rows, not yet run: await it, or hand it to `writeAsOne` so the rows commit in
   * the same statement as the change they describe.
   */
  rows(entries: AuditEntry[], tx?: Db) {
    const at = new Date();
    return (tx ?? this.#db).insert(auditLog).values(entries.map((entry) => ({ ...auditRow(entry), at })));
  }

  #schedule() {
    if (this.#scheduled || this.#flushes >= MAX_FLUSHES || this.#waiting.length === 0) return;
    this.#scheduled = true;
    // One turn of the event loop lets the rows of requests handled in this turn join the batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush() {
    const batch = this.#waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.#flushes++;
    this.#schedule();
    try {
      await appendRows(this.#db, batch.map((w) => w.row));
      for (const w of batch) w.done();
    } catch {
      // One bad row must not fail the others: each is tried alone and answers its own caller.
      await Promise.all(batch.map((w) => this.#db.insert(auditLog).values(w.row).then(() => w.done(), (err: unknown) => w.done(err ?? new Error('audit insert failed')))));
    } finally {
      this.#flushes--;
      this.#schedule();
    }
  }

  verify(): Promise<AuditVerification> {
    return verifyAudit(this.#db, this.#secret);
  }
}
