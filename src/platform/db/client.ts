import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pglitePool } from './pglite-connection.ts';
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
   * a beat every 200 ms proves it; PGlite delivers one in the reply to the notifying commit, before the
   * notifier resumes (`Infinity`).
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
  const { pool, backend } = await pglitePool(opts.pgliteDir);
  pool.on('error', (err) => opts.onConnectionLost?.(err));
  backend.on('lost', (err: Error) => opts.onConnectionLost?.(err));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await pool.query('select 1')),
    // A notification comes back in the reply to the notifying commit, so it is heard before that caller resumes.
    listen: (channel, listener) => {
      backend.on('notification', (msg: { channel: string; payload: string }) => msg.channel === channel && listener.message(msg.payload));
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
      await backend.close();
    },
  };
}
