import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { peopleCache } from '../../../src/people/cache.ts';
import type { ChannelListener, Database } from '../../../src/platform/db/client.ts';

/**
 * Decision 0021: entries live until one of their people changes, and are used only while the notice
 * channel has proved within 1 s that every earlier change has been heard.
 */
function channel() {
  let listener: ChannelListener | undefined;
  const database = { listen: (_: string, l: ChannelListener) => void (listener = l) } as unknown as Database;
  const cache = peopleCache(database);
  return { cache, hear: () => listener! };
}

/** A computation that counts its runs and answers `value`. */
const counted = <T>(value: T) => vi.fn(async () => value);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('people cache (decision 0021)', () => {
  it('computes every answer until the channel is listening and heard', async () => {
    const { cache, hear } = channel();
    const compute = counted('a');
    await cache.get('k', ['p'], compute);
    hear().live();
    await cache.get('k', ['p'], compute);
    expect(compute).toHaveBeenCalledTimes(2);
    hear().heard(Date.now());
    await cache.get('k', ['p'], compute);
    await cache.get('k', ['p'], compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('keeps an answer past one second while beats keep coming, and stops using it when they stop', async () => {
    const { cache, hear } = channel();
    hear().live();
    const compute = counted('a');
    for (let s = 0; s < 10; s++) {
      hear().heard(Date.now());
      await cache.get('k', ['p'], compute);
      vi.setSystemTime(Date.now() + 900);
    }
    expect(compute).toHaveBeenCalledTimes(1);
    // No beat for 1.8 s: a change may be committed and unheard, so every answer is computed again.
    vi.setSystemTime(Date.now() + 900);
    await cache.get('k', ['p'], compute);
    await cache.get('k', ['p'], compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('a notice voids the entries naming that person, by key ids or by the names an answer holds', async () => {
    const { cache, hear } = channel();
    hear().live();
    hear().heard(Infinity);
    const team = counted([{ userId: 'nurse' }]);
    const read = () => cache.get('team:p', ['p'], team, { alsoNames: (list) => list.map((m) => m.userId) });
    await read();
    hear().message('someone-else');
    await read();
    expect(team).toHaveBeenCalledTimes(1);
    hear().message('nurse');
    await read();
    expect(team).toHaveBeenCalledTimes(2);
    hear().message('p');
    await read();
    expect(team).toHaveBeenCalledTimes(3);
  });

  it('an answer whose people changed while it was computed is returned but not kept', async () => {
    const { cache, hear } = channel();
    hear().live();
    hear().heard(Infinity);
    let release!: () => void;
    const slow = vi.fn(() => new Promise<string>((r) => (release = () => r('old'))));
    const first = cache.get('k', ['p'], slow);
    hear().message('p');
    release();
    expect(await first).toBe('old');
    const fresh = counted('new');
    expect(await cache.get('k', ['p'], fresh)).toBe('new');
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('ends an answer at its own limit (a break-glass grant) and forgets everything when the channel is lost', async () => {
    const { cache, hear } = channel();
    hear().live();
    hear().heard(Infinity);
    const grant = counted('emergency');
    const read = () => cache.get('access', ['u', 'p'], grant, { until: () => Date.parse('2026-11-30T12:00:05Z') });
    await read();
    vi.setSystemTime(Date.parse('2026-11-30T12:00:05Z'));
    await read();
    expect(grant).toHaveBeenCalledTimes(2);
    const user = counted('row');
    await cache.get('user', ['u'], user);
    hear().lost();
    await cache.get('user', ['u'], user);
    hear().live();
    hear().heard(Infinity);
    await cache.get('user', ['u'], user);
    expect(user).toHaveBeenCalledTimes(3);
  });
});
