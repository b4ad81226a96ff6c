import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { runSealer } from '../src/platform/audit/sealer.ts';
import type { RunningServer } from '../src/server.ts';

/** The audit sealer beside a bench server, as the workers runtime runs it in production. */
export async function startBenchSealer(server: RunningServer) {
  const { deps } = server;
  const sealer = runSealer({ db: deps.db, secret: deps.config.auditSecret, redis: deps.redis, leaseKey: deps.key('audit-sealer'), logger: deps.logger });
  const unsealed = async () => {
    const r = (await deps.db.execute(sql`select count(*)::int as n from audit_log where seq > coalesce((select max(last_seq) from audit_seals), 0)`)) as unknown as { rows: Array<{ n: number }> };
    return Number(r.rows[0]!.n);
  };
  return {
    /** After the load: rows still unsealed, and how long the sealer then took to seal them all. */
    async lag() {
      const rowsUnsealedAtEnd = await unsealed();
      const t0 = performance.now();
      while ((await unsealed()) > 0 && performance.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
      const [rows] = ((await deps.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows: Array<{ n: number }> }).rows;
      return { auditRows: Number(rows!.n), rowsUnsealedAtEnd, msToSealTail: Math.round(performance.now() - t0), rowsUnsealedAfter: await unsealed() };
    },
    stop: () => sealer.stop(),
  };
}
