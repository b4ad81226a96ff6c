import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both drivers behind one type: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** What a listener on a notification channel hears. */
export interface ChannelListener {
  message(payload: string): void;
  /** Listening (again): from now on every notification committed is heard. */
  live(): void;
  /** The listening connection failed: notifications may have been missed until `live` is called again. */
  lost(): void;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** Hears NOTIFY on a channel (delivered after commit, on every node); ends with `close`. */
  listen(channel: string, listener: ChannelListener): void;
  close(): Promise<void>;
}

const RELISTEN_MS = 1000;

/**
 * One dedicated connection per channel (a pooled one cannot hold LISTEN). When it fails the listener
 * hears `lost` at once and the connection is retried every second.
 */
function pgListener(connectionString: string) {
  const clients = new Set<pg.Client>();
  let closed = false;
  const listen = (channel: string, listener: ChannelListener) => {
    if (closed) return;
    const client = new pg.Client({ connectionString });
    clients.add(client);
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      listener.lost();
      clients.delete(client);
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => listen(channel, listener), RELISTEN_MS).unref();
    };
    client.on('notification', (n) => listener.message(n.payload ?? ''));
    client.on('error', fail);
    client.on('end', fail);
    client
      .connect()
      .then(() => client.query(`listen ${pg.escapeIdentifier(channel)}`))
      .then(() => !failed && listener.live(), fail);
  };
  const close = async () => {
    closed = true;
    await Promise.all([...clients].map((c) => c.removeAllListeners('end').end().catch(() => undefined)));
  };
  return { listen, close };
}

export async function openDatabase(opts: { databaseUrl: string | undefined; pgliteDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const listener = pgListener(opts.databaseUrl);
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await pool.query('select 1')),
      listen: listener.listen,
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const memory = opts.pgliteDir === 'memory://';
  if (!memory) mkdirSync(opts.pgliteDir, { recursive: true });
  const client = await PGlite.create(memory ? undefined : opts.pgliteDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    // In-process: PGlite calls listeners when the notifying statement's commit returns, before its caller resumes.
    listen: (channel, listener) =>
      void client.listen(channel, (payload) => listener.message(payload)).then(
        () => listener.live(),
        () => listener.lost(),
      ),
    close: () => client.close(),
  };
}
