import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Plain SQL migrations applied in name order, each once, each in its own transaction, under an advisory
 * lock so two processes starting together do not race. See docs/decisions/0003-sql-migrations.md.
 */
export async function migrate(db: Db): Promise<string[]> {
  const files = readdirSync(DIR).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727170)`);
    await tx.execute(sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
    const done = (await tx.execute(sql`select name from schema_migrations`)) as unknown as { rows: Array<{ name: string }> };
    const seen = new Set(done.rows.map((r) => r.name));
    for (const file of files) {
      if (seen.has(file)) continue;
      // PGlite's extended protocol takes one statement per query, so files mark their breaks.
      for (const statement of readFileSync(DIR + file, 'utf8').split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into schema_migrations (name) values (${file})`);
      applied.push(file);
    }
  });
  return applied;
}
