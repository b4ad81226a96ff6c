import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
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
  /**
   * Every notification committed before `at` (this process's clock, ms) has been delivered. PostgreSQL:
   * a beat every 200 ms proves it; PGlite delivers in-process before the notifier resumes (`Infinity`).
   */
  heard(at: number): void;
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
const BEAT_MS = 200;
/** How the listening connections show in `pg_stat_activity`. */
export const LISTENER_NAME = 'wayfinder-listener';
/** A beat unanswered this long means a connection that died without an error: it is dropped and redialled. */
const BEAT_TIMEOUT_MS = 3000;

/**
 * One dedicated connection per channel (a pooled one cannot hold LISTEN). When it fails the listener
 * hears `lost` at once and the connection is retried every second.
 *
 * The connection also notifies itself on a channel of its own every 200 ms. PostgreSQL delivers
 * notifications of every channel in commit order, so when a beat sent at t comes back, every notice
 * committed before t has been heard (`heard(t)`): a silent stall, which no error reports, shows as beats
 * that stop coming (decision 0021).
 */
function pgListener(connectionString: string) {
  const clients = new Map<pg.Client, NodeJS.Timeout>();
  let closed = false;
  const listen = (channel: string, listener: ChannelListener) => {
    if (closed) return;
    let failed = false;
    const beats = `${channel}_beat_${randomUUID().replaceAll('-', '')}`;
    let lastBeat = Date.now();
    const beat = setInterval(() => {
      if (Date.now() - lastBeat > BEAT_TIMEOUT_MS) return fail();
      client.query('select pg_notify($1, $2)', [beats, String(Date.now())]).catch(fail);
    }, BEAT_MS).unref();
    const fail = () => {
      if (failed) return;
      failed = true;
      clearInterval(beat);
      listener.lost();
      clients.delete(client);
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => listen(channel, listener), RELISTEN_MS).unref();
    };
    const client = new pg.Client({ connectionString, application_name: LISTENER_NAME });
    clients.set(client, beat);
    client.on('notification', (n) => {
      if (n.channel !== beats) return listener.message(n.payload ?? '');
      lastBeat = Date.now();
      listener.heard(Number(n.payload));
    });
    client.on('error', fail);
    client.on('end', fail);
    client
      .connect()
      .then(() => client.query(`listen ${pg.escapeIdentifier(channel)}; listen ${pg.escapeIdentifier(beats)}`))
      .then(() => !failed && listener.live(), fail);
  };
  const close = async () => {
    closed = true;
    for (const beat of clients.values()) clearInterval(beat);
    await Promise.all([...clients.keys()].map((c) => c.removeAllListeners('end').end().catch(() => undefined)));
  };
  return { listen, close };
}

export async function openDatabase(opts: { databaseUrl: string | undefined; pgliteDir: string; onConnectionLost?: (err: Error) => void }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle pooled connection ended by the server (restart, failover, an administrator): the pool drops
    // it and dials again on demand. Unheard, the error event would end the process.
    pool.on('error', (err) => opts.onConnectionLost?.(err));
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
  const pool = pglitePool(client);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await pool.query('select 1')),
    // In-process: PGlite calls listeners when the notifying statement's commit returns, before its caller resumes.
    // LISTEN goes through the pool like every statement, so it never lands inside another caller's exchange.
    listen: (channel, listener) => {
      client.onNotification((heardOn, payload) => heardOn === channel && listener.message(payload));
      pool.query(`LISTEN ${channel}`).then(
        () => {
          listener.live();
          listener.heard(Infinity);
        },
        () => listener.lost(),
      );
    },
    close: async () => {
      await pool.end();
      await client.close();
    },
  };
}

/**
 * PGlite through node-postgres, the driver PostgreSQL uses (decision 0024): named statements are parsed and
 * planned once, which halves the cost of the hot statements against PGlite's own query(), which parses
 * every call. PGlite is one backend, so the pool holds one client, never retired: a transaction has the
 * database to itself and other statements wait for it, as they do in PGlite.
 */
function pglitePool(client: PGlite): pg.Pool {
  const config = createPgConfig(client);
  // Drizzle gives node-postgres its type parsers as `types`; pg-protocol ignores a value that is not a list of
  // parameter types, the adapter's Parse writer calls forEach on it.
  const parse = config.connection.parse.bind(config.connection);
  config.connection.parse = (query: { types?: unknown }) => parse({ ...query, types: Array.isArray(query.types) ? query.types : undefined });
  const pool = new pg.Pool({ ...config, max: 1, idleTimeoutMillis: 0 });
  // pg-pool retires a client whose statement failed (a server connection may be broken); this one is the
  // database itself, and a failed statement (a unique violation) leaves it ready for the next.
  pool.query = (async (query: pg.QueryConfig, values?: unknown[]) => {
    const one = await pool.connect();
    try {
      return await one.query(query, values);
    } finally {
      one.release();
    }
  }) as typeof pool.query;
  return pool;
}
