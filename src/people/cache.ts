import type { Database } from '../platform/db/client.ts';

/** Announced by the triggers of migration 1900 after commit, with the id of the person concerned. */
const CHANNEL = 'people_changed';
/**
 * The longest a cached answer is used. Notices drop entries at once; this bounds the staleness should
 * one be lost without the listening connection failing (SECURITY.md S23 promises 1 s).
 */
const TTL_MS = 1000;
/**
 * An entry used this close to the end of its life is recomputed in the background while it still
 * answers, so a busy key never expires under load: every concurrent request would miss at once and
 * compute the same answer (the PHI read's p99 spikes once a second, decision 0019).
 */
const REFRESH_AHEAD_MS = 250;
const MAX_ENTRIES = 50_000;
const MAX_VERSIONS = 100_000;

interface Entry {
  value: unknown;
  until: number;
  epoch: number;
  versions: number[];
}

/**
 * This node's copy of answers that depend only on people and their relationships (the access decision,
 * a user's row), keyed by the ids they depend on (decision 0015). Every change to those rows, by any
 * process, is announced by a database trigger; an entry whose ids changed after it was computed is not
 * used, so an answer computed while a change committed is never kept. While the notice channel is not
 * listening, nothing is cached.
 */
class PeopleCache {
  #live = false;
  /** Bumped when notices may have been missed: every entry of an older epoch is void. */
  #epoch = 0;
  readonly #versions = new Map<string, number>();
  readonly #entries = new Map<string, Entry>();
  /** Computations under way, shared by every request for the same key while its people are unchanged. */
  readonly #pending = new Map<string, { epoch: number; versions: number[]; value: Promise<unknown> }>();

  constructor(database: Database) {
    database.listen(CHANNEL, {
      message: (id) => this.#changed(id),
      live: () => {
        this.#reset();
        this.#live = true;
      },
      lost: () => {
        this.#live = false;
        this.#reset();
      },
    });
  }

  /**
   * This process changed these people: their entries go now, before the database's notice comes back
   * (it reaches this node a few milliseconds after commit; the next request may come sooner).
   */
  changed(ids: readonly string[]) {
    for (const id of ids) this.#changed(id);
  }

  #changed(id: string) {
    if (this.#versions.size >= MAX_VERSIONS) this.#reset();
    this.#versions.set(id, (this.#versions.get(id) ?? 0) + 1);
  }

  #reset() {
    this.#epoch += 1;
    this.#versions.clear();
    this.#entries.clear();
  }

  #stamp = (ids: readonly string[]) => ids.map((id) => this.#versions.get(id) ?? 0);

  #valid(entry: Entry, ids: readonly string[], now: number) {
    return entry.epoch === this.#epoch && entry.until > now && ids.every((id, i) => (this.#versions.get(id) ?? 0) === entry.versions[i]);
  }

  /**
   * The cached answer for `key` (which depends on the people `ids`), else `compute`'s, kept until
   * `until(value)` at the latest (a break-glass grant's end) and never longer than the TTL.
   */
  async get<T>(key: string, ids: readonly string[], compute: () => Promise<T>, until: (value: T) => number = () => Infinity): Promise<T> {
    if (!this.#live) return compute();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && this.#valid(hit, ids, now)) {
      if (hit.until - now < REFRESH_AHEAD_MS) this.#compute(key, ids, compute, until).catch(() => this.#entries.delete(key));
      return hit.value as T;
    }
    return this.#compute(key, ids, compute, until);
  }

  /** One computation per key at a time: a request arriving while one runs for the same versions shares it. */
  #compute<T>(key: string, ids: readonly string[], compute: () => Promise<T>, until: (value: T) => number): Promise<T> {
    const epoch = this.#epoch;
    const versions = this.#stamp(ids);
    const running = this.#pending.get(key);
    if (running && running.epoch === epoch && running.versions.every((v, i) => v === versions[i])) return running.value as Promise<T>;
    const started = Date.now();
    const value = compute().then((v) => {
      this.#keep(key, ids, { value: v, epoch, versions, until: Math.min(started + TTL_MS, until(v)) }, started);
      return v;
    });
    this.#pending.set(key, { epoch, versions, value });
    const done = () => this.#pending.get(key)?.value === value && this.#pending.delete(key);
    value.then(done, done);
    return value;
  }

  #keep(key: string, ids: readonly string[], entry: Entry, started: number) {
    if (!this.#live || !this.#valid(entry, ids, started)) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.delete(key);
    this.#entries.set(key, entry);
  }
}

const caches = new WeakMap<Database, PeopleCache>();

/** The cache of the process's database (shared by the server and inline workers on one connection). */
export function peopleCache(database: Database): PeopleCache {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new PeopleCache(database)));
  return cache;
}
