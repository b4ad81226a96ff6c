import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { DatabaseError, parse, serialize } from 'pg-protocol';
import { readFrames, writeFrame } from './pglite-frames.ts';

type Query = Parameters<typeof serialize.parse>[0];
type Bind = Parameters<typeof serialize.bind>[0];
type Portal = Parameters<typeof serialize.describe>[0];
type Execute = Parameters<typeof serialize.execute>[0];

/** Connections the server keeps to its PGlite process: enough that its exchanges queue there, not here. */
const CONNECTIONS = 8;

/**
 * PGlite in a process of its own, reached through node-postgres, the driver PostgreSQL uses (decisions
 * 0024, 0025). The pool's clients are never retired: a failed statement (a unique violation) leaves its
 * connection ready for the next, where pg-pool would retire it. The process handle emits `lost` if the
 * PGlite process ends without being closed; every statement fails from then on.
 */
export async function pglitePool(dir: string): Promise<{ pool: pg.Pool; backend: PgliteProcess }> {
  const backend = await PgliteProcess.start(dir);
  const Client = class extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: backend.connection() } as pg.ClientConfig);
    }
  };
  const pool = new pg.Pool({ Client, max: CONNECTIONS, idleTimeoutMillis: 0 } as pg.PoolConfig);
  pool.query = (async (query: pg.QueryConfig, values?: unknown[]) => {
    const one = await pool.connect();
    try {
      return await one.query(query, values);
    } finally {
      one.release();
    }
  }) as typeof pool.query;
  return { pool, backend };
}

/**
 * The PGlite process (`pglite-process.ts`) and the exchanges waiting for its answer. Notifications, which
 * come back in the reply to the notifying commit, are emitted here as `notification` whichever connection
 * carried them, before that commit's caller resumes.
 */
export class PgliteProcess extends EventEmitter {
  /** The session's named statements, shared by every connection: PGlite has one session. */
  readonly parsedStatements: Record<string, string> = {};
  readonly #child: ChildProcess;
  readonly #wire: Duplex;
  readonly #waiting = new Map<number, Array<(reply: Buffer | Error) => void>>();
  readonly #exited: Promise<void>;
  #connections = 0;
  #closing = false;

  private constructor(child: ChildProcess) {
    super();
    this.#child = child;
    this.#wire = child.stdio[3] as Duplex;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    readFrames(this.#wire, (connection, reply) => this.#waiting.get(connection)?.shift()?.(reply));
    // A write to a process that has just died fails here; its exit fails the waiting statements.
    this.#wire.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      const ended = new Error('the PGlite process has ended');
      for (const waiting of this.#waiting.values()) for (const done of waiting.splice(0)) done(ended);
      if (!this.#closing) this.emit('lost', new Error(`the PGlite process ended unasked (${signal ?? code})`));
    });
  }

  /** PGlite in `dir` ('memory://' for none), ready to answer. */
  static async start(dir: string): Promise<PgliteProcess> {
    // No inherited flags (a test runner's loaders): the child is plain Node running one TypeScript file.
    const child = fork(new URL('./pglite-process.ts', import.meta.url), [dir], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the PGlite process exited (${code}) before it was ready`)));
    });
    return new PgliteProcess(child);
  }

  connection(): PgliteConnection {
    return new PgliteConnection(this, ++this.#connections);
  }

  exchange(connection: number, bytes: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (!this.#child.connected) return reject(new Error('the PGlite process has ended'));
      const waiting = this.#waiting.get(connection) ?? this.#waiting.set(connection, []).get(connection)!;
      waiting.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
      writeFrame(this.#wire, connection, bytes);
    });
  }

  /** The process id, for operators (and the tests that end it). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.#child.connected) this.#child.send({ close: true });
    await this.#exited;
  }
}

/**
 * What a `pg` client takes for its connection. The client's messages up to a Sync (Parse, Bind, Describe,
 * Execute) go to the PGlite process as one exchange, written and read by pg-protocol, the code node-postgres
 * uses with a server; the reply's messages come back as the events the client listens for.
 */
export class PgliteConnection extends EventEmitter {
  // node-postgres keeps its named statements' state on the connection; PGlite's one session holds them all.
  readonly parsedStatements: Record<string, string>;
  readonly submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end() };
  _connecting = false;
  readonly #backend: PgliteProcess;
  readonly #id: number;
  readonly #replies = new PassThrough();
  #pending: Buffer[] = [];
  #exchanges: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(backend: PgliteProcess, id: number) {
    super();
    this.#backend = backend;
    this.#id = id;
    this.parsedStatements = backend.parsedStatements;
    void parse(this.#replies, (msg) => {
      if (msg.name === 'notification') backend.emit('notification', msg);
      this.emit(msg.name === 'error' ? 'errorMessage' : msg.name, msg);
    });
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
    const exchange = this.#backend.exchange(this.#id, Buffer.concat([...this.#pending, last]));
    this.#pending = [];
    this.#exchanges = exchange.then(
      (reply) => void this.#replies.write(reply),
      // Only a gone PGlite process fails here. Answered as a statement's error, so this caller's statement
      // fails and the client takes the next: an `error` event would be thrown by a client checked out of the pool.
      (err: Error) => {
        this.emit('errorMessage', Object.assign(new DatabaseError(err.message, 0, 'error'), { severity: 'FATAL', code: '08006' }));
        this.emit('readyForQuery', { status: 'I' });
      },
    );
  }
}
