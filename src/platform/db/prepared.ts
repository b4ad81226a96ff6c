import type { Db } from './client.ts';

/**
 * A statement of a hot path built once per database handle instead of once per call: Drizzle's SQL
 * building cost more CPU than the round trip on the chat and PHI-read paths (decision 0020). On
 * PostgreSQL the name also makes it a server-side prepared statement, parsed and planned once per
 * connection. Values go in as `sql.placeholder(...)`; a transaction handle gets its own copy.
 */
export function prepared<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
