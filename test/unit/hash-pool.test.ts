import { describe, expect, it } from 'vitest';
import { HashPool } from '../../src/auth/hash-pool.ts';

/** A job that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { job: () => (log.push(name), done), release };
}

describe('password hash pool (SECURITY.md S25)', () => {
  it('S25: runs at most `concurrency` normal hashes, queues a few and refuses the rest with rate_limited', async () => {
    const pool = new HashPool(1, 1);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = pool.run(a.job);
    const second = pool.run(b.job);
    await expect(pool.run(async () => log.push('c'))).rejects.toMatchObject({ code: 'rate_limited' });
    expect(log).toEqual(['a']);
    a.release();
    await first;
    await expect.poll(() => log).toEqual(['a', 'b']);
    b.release();
    await second;
  });

  it("S25: the owner's known device gets its own slot and the front of the queue", async () => {
    const pool = new HashPool(1, 4);
    const log: string[] = [];
    const flood = [gate(log, 'n1'), gate(log, 'n2'), gate(log, 'n3')];
    const runs = flood.map((g) => pool.run(g.job));
    const owner = gate(log, 'owner');
    const ownerRun = pool.run(owner.job, 'owner');
    // The owner starts at once beside the running flood hash, ahead of the queued ones.
    expect(log).toEqual(['n1', 'owner']);
    owner.release();
    await ownerRun;
    for (const g of flood) g.release();
    await Promise.all(runs);
    expect(log).toEqual(['n1', 'owner', 'n2', 'n3']);
  });
});
