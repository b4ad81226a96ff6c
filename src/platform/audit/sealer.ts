import { randomUUID } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { batchHash, GENESIS, rowHash } from './hashes.ts';
import { auditLog, auditSeals } from './tables.ts';

const BATCH = 2000;
const TICK_MS = 200;
const LEASE_MS = 3000;

interface Mark {
  /** The highest seq drawn when the mark was taken. */
  bound: number;
  /** Every transaction that could have drawn a seq <= bound has an id below this. */
  xmax: string;
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/**
 * Seals committed audit rows in seq order into `audit_seals` (docs/decisions/0013-audit-sealing.md).
 * Rows commit out of seq order, so a batch only reaches a bound once no transaction that could still
 * commit a row at or below it is running: the audit trigger takes a row's transaction id before its
 * seq, so every such transaction has an id below the `xmax` of a snapshot taken after the bound was
 * read, and all of them have ended once the oldest running transaction id (`xmin`) has reached it.
 */
export class AuditSealer {
  readonly #db: Db;
  readonly #secret: string;
  #mark: Mark | undefined;

  constructor(db: Db, secret: string) {
    this.#db = db;
    this.#secret = secret;
  }

  /** One step; returns how many rows it sealed. Safe to run from several processes (batch is the key). */
  async tick(): Promise<number> {
    this.#mark ??= await this.#takeMark();
    const [settled] = rowsOf<{ ok: boolean }>(await this.#db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot()) >= ${this.#mark.xmax}::xid8 as ok`));
    if (!settled?.ok) return 0;
    const { bound } = this.#mark;
    this.#mark = undefined;
    let sealed = 0;
    for (let n = BATCH; n === BATCH; sealed += n) n = await this.#sealBatch(bound);
    return sealed;
  }

  async #takeMark(): Promise<Mark> {
    // Two statements, in this order: the snapshot must be taken after the sequence was read.
    const [seq] = rowsOf<{ last_value: string; is_called: boolean }>(await this.#db.execute(sql`select last_value, is_called from audit_log_seq_seq`));
    const [snap] = rowsOf<{ xmax: string }>(await this.#db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`));
    return { bound: seq!.is_called ? Number(seq!.last_value) : 0, xmax: snap!.xmax };
  }

  async #sealBatch(bound: number): Promise<number> {
    const [last] = await this.#db.select({ batch: auditSeals.batch, lastSeq: auditSeals.lastSeq, hash: auditSeals.hash }).from(auditSeals).orderBy(desc(auditSeals.batch)).limit(1);
    const after = last?.lastSeq ?? 0;
    if (after >= bound) return 0;
    const rows = await this.#db.select().from(auditLog).where(sql`${auditLog.seq} > ${after} and ${auditLog.seq} <= ${bound}`).orderBy(asc(auditLog.seq)).limit(BATCH);
    if (rows.length === 0) return 0;
    const seal = { batch: (last?.batch ?? 0) + 1, lastSeq: rows.at(-1)!.seq, seqs: rows.map((r) => r.seq), rowHashes: rows.map((r) => rowHash(this.#secret, r)) };
    const prevHash = last?.hash ?? GENESIS;
    // A second sealer that got here first makes this insert fail on the batch key: nothing forks.
    const inserted = await this.#db.insert(auditSeals).values({ ...seal, prevHash, hash: batchHash(this.#secret, prevHash, seal) }).onConflictDoNothing().returning({ batch: auditSeals.batch });
    return inserted.length ? rows.length : 0;
  }
}

/**
 * Runs the sealer in the one process holding a Redis lease (renewed every tick, taken over when it
 * lapses), so one sealer works at a time however many worker processes run.
 */
export function runSealer(opts: { db: Db; secret: string; redis: Redis; leaseKey: string; logger: Logger }): { stop(): Promise<void> } {
  const sealer = new AuditSealer(opts.db, opts.secret);
  const me = randomUUID();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const holdLease = async () =>
    (await opts.redis.set(opts.leaseKey, me, 'PX', LEASE_MS, 'NX')) === 'OK' ||
    (await opts.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0", 1, opts.leaseKey, me, LEASE_MS)) === 1;
  const loop = async () => {
    try {
      if (await holdLease()) await sealer.tick();
    } catch (err) {
      opts.logger.warn({ err: (err as Error).message }, 'audit sealing failed, will retry');
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), TICK_MS);
  };
  running = loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await opts.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0", 1, opts.leaseKey, me).catch(() => undefined);
    },
  };
}
