import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { parse, serialize } from 'pg-protocol';

type Query = Parameters<typeof serialize.parse>[0];
type Bind = Parameters<typeof serialize.bind>[0];
type Portal = Parameters<typeof serialize.describe>[0];
type Execute = Parameters<typeof serialize.execute>[0];

/**
 * PGlite reached through node-postgres, the driver PostgreSQL uses (decision 0024). The pool holds one client,
 * never retired: PGlite is one backend, so a transaction has it to itself and other statements wait, and a
 * failed statement (a unique violation) leaves the connection ready for the next, where pg-pool would retire it.
 */
export function pglitePool(pglite: PGlite): { pool: pg.Pool; connection: PgliteConnection } {
  const connection = new PgliteConnection(pglite);
  const pool = new pg.Pool({ connection, max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig);
  pool.query = (async (query: pg.QueryConfig, values?: unknown[]) => {
    const one = await pool.connect();
    try {
      return await one.query(query, values);
    } finally {
      one.release();
    }
  }) as typeof pool.query;
  return { pool, connection };
}

/**
 * What a `pg` client takes for its connection. The client's messages up to a Sync (Parse, Bind, Describe,
 * Execute) go to PGlite as one exchange, written and read by pg-protocol, the code node-postgres uses with a
 * server; the reply's messages come back as the events the client listens for, notifications among them.
 */
export class PgliteConnection extends EventEmitter {
  // node-postgres keeps its named statements' state on the connection.
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end() };
  _connecting = false;
  readonly #pglite: PGlite;
  readonly #replies = new PassThrough();
  #pending: Buffer[] = [];
  #exchanges: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
    void parse(this.#replies, (msg) => this.emit(msg.name === 'error' ? 'errorMessage' : msg.name, msg));
  }

  connect() {
    this._connecting = true;
    process.nextTick(() => (this.#ended ? this.emit('error', new Error('the PGlite connection has ended')) : this.emit('readyForQuery', {})));
  }

  query(text: string) {
    this.#send(serialize.query(text));
  }
  parse(query: Query) {
    this.#pending.push(serialize.parse(query));
  }
  bind(config: Bind) {
    this.#pending.push(serialize.bind(config));
  }
  describe(portal: Portal) {
    this.#pending.push(serialize.describe(portal));
  }
  execute(config: Execute) {
    this.#pending.push(serialize.execute(config));
  }
  close(portal: Portal) {
    this.#pending.push(serialize.close(portal));
  }
  flush() {
    this.#send(serialize.flush());
  }
  sync() {
    this.#send(serialize.sync());
  }
  /** For good: PGlite is closed next, and a pool that retired this connection could not dial another. */
  end() {
    this.#ended = true;
    void this.#exchanges.then(() => this.emit('end'));
  }

  // Nothing to negotiate in-process.
  startup() {}
  requestSsl() {}
  password() {}
  cancel() {}
  ref() {}
  unref() {}

  #send(last: Buffer) {
    if (this.#ended) return void this.emit('error', new Error('the PGlite connection has ended'));
    const message = Buffer.concat([...this.#pending, last]);
    this.#pending = [];
    // The stream form hands over the reply's bytes as they are written. `execProtocolRaw` would also parse
    // them into PGlite's own result list, which nothing empties outside `query`: 0.56 KB kept per statement.
    this.#exchanges = this.#exchanges
      .then(() => this.#pglite.execProtocolRawStream(message, { onRawData: (bytes) => void this.#replies.write(Buffer.from(bytes)) }))
      // Only a broken backend throws here (a statement's error is a message in the reply).
      .catch((err: unknown) => void this.emit('error', err));
  }
}
