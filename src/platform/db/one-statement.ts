import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Runs several writes as ONE statement: each becomes a data-modifying CTE, which PostgreSQL runs exactly
 * once and to completion, all or nothing, in one round trip and without BEGIN/COMMIT (decision 0016).
 * The writes share one snapshot: none sees another's rows, so a write must not read what a sibling
 * inserts (foreign keys are checked at the end of the statement and do see them).
 */
export async function writeAsOne(db: Db, writes: SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await db.execute(writes[0]!.getSQL());
    return;
  }
  const parts = writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
