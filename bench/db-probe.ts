import { performance } from 'node:perf_hooks';
import pg from 'pg';

/**
 * Counts the statements and transactions a process sends to its database (through node-postgres, on PGlite or PostgreSQL: decision 0024),
 * and how long each transaction holds its connection, split into time spent in its statements and
 * time spent waiting on something else while the connection is held. Installed before the server
 * starts; a benchmark reads `snapshot()` around its load to report statements per unit of work.
 */
export interface DbProbe {
  snapshot(): ProbeFigures;
}

export interface ProbeFigures {
  statements: number;
  transactions: number;
  /** Total time connections were held by transactions (BEGIN .. COMMIT/ROLLBACK). */
  txHeldMs: number;
  /** Of that, time not spent in the transaction's own statements (awaiting something else). */
  txIdleMs: number;
  /** The longest idle stretch inside one transaction. */
  txIdleMaxMs: number;
  byStatement: Record<string, number>;
  /** Milliseconds per statement shape, from the call on its client to the answer (a wait for the client included). */
  msByStatement: Record<string, number>;
}

// A hot path sends the same few texts again and again: each is shaped once, so the probe costs the run little.
const shapes = new Map<string, string>();
const shape = (text: string) => {
  let s = shapes.get(text);
  if (s === undefined) {
    s = text
      .replace(/\s+/g, ' ')
      .replace(/\$\d+/g, '?')
      .replace(/\(\?(, ?\?)*\)/g, '(?)')
      .slice(0, 90);
    if (shapes.size < 10_000) shapes.set(text, s);
  }
  return s;
};

export function installDbProbe(): DbProbe {
  const f: ProbeFigures = { statements: 0, transactions: 0, txHeldMs: 0, txIdleMs: 0, txIdleMaxMs: 0, byStatement: {}, msByStatement: {} };
  const count = (text: string) => {
    f.statements++;
    const k = shape(text);
    f.byStatement[k] = (f.byStatement[k] ?? 0) + 1;
  };

  // node-postgres: every statement goes through Client.query; a transaction is BEGIN .. COMMIT on one client.
  const open = new WeakMap<object, { start: number; inSql: number; lastEnd: number; maxIdle: number }>();
  const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const origQuery = clientProto.query;
  clientProto.query = function (this: object, ...a: unknown[]) {
    const text = typeof a[0] === 'string' ? a[0] : String((a[0] as { text?: string } | undefined)?.text ?? '');
    if (/^\s*listen\b/i.test(text)) return origQuery.apply(this, a);
    count(text);
    const verb = text.trim().toLowerCase();
    const t0 = performance.now();
    const tx = open.get(this);
    if (verb === 'begin') {
      f.transactions++;
      open.set(this, { start: t0, inSql: 0, lastEnd: t0, maxIdle: 0 });
    } else if (tx) tx.maxIdle = Math.max(tx.maxIdle, t0 - tx.lastEnd);
    const result = origQuery.apply(this, a);
    const done = () => {
      const now = performance.now();
      const k = shape(text);
      f.msByStatement[k] = (f.msByStatement[k] ?? 0) + now - t0;
      const cur = open.get(this);
      if (!cur) return;
      cur.inSql += now - t0;
      cur.lastEnd = now;
      if (verb === 'commit' || verb === 'rollback') {
        const held = now - cur.start;
        f.txHeldMs += held;
        f.txIdleMs += held - cur.inSql;
        f.txIdleMaxMs = Math.max(f.txIdleMaxMs, cur.maxIdle);
        open.delete(this);
      }
    };
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  };

  return { snapshot: () => structuredClone(f) };
}

/** The difference of two snapshots, per unit of work (e.g. per check-in). */
export function perUnit(before: ProbeFigures, after: ProbeFigures, units: number) {
  const r = (n: number) => Math.round((n / units) * 100) / 100;
  const byStatement = Object.fromEntries(
    Object.entries(after.byStatement)
      .map(([k, v]) => [k, r(v - (before.byStatement[k] ?? 0))] as const)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1]),
  );
  return {
    units,
    statements: r(after.statements - before.statements),
    transactions: r(after.transactions - before.transactions),
    txHeldMs: r(after.txHeldMs - before.txHeldMs),
    txIdleMs: r(after.txIdleMs - before.txIdleMs),
    txIdleMaxMs: Math.round(after.txIdleMaxMs * 100) / 100,
    byStatement,
    msPerStatement: Object.fromEntries(
      Object.entries(byStatement).map(([k, n]) => [k, Math.round(((after.msByStatement[k] ?? 0) - (before.msByStatement[k] ?? 0)) / units / n * 100) / 100] as const),
    ),
  };
}
