import type { Database } from '../platform/db/client.ts';

/** Announced by the triggers of migration 1900 after commit, with the id of the person concerned. */
const CHANNEL = 'people_changed';
/**
 * The staleness bound of SECURITY.md S23: cached answers are used only while the notice channel has
 * proved, within this long, that every change committed before then has been heard (decision 0021).
 */
const HEARD_WITHIN_MS = 1000;
const MAX_ENTRIES = 50_000;
const MAX_CHANGES = 100_000;

interface Entry {
  value: unknown;
  /** The change count when its computation started: a later change to one of `ids` voids it. */
  tick: number;
  until: number;
  ids: readonly string[];
}

export interface CacheOptions<T> {
  /** The latest instant the answer holds (a break-glass grant's end). */
  until?: (value: T) => number;
  /** More people the answer names (members of a list): a change to any of them voids it too. */
  alsoNames?: (value: T) => readonly string[];
}

/**
 * This node's copy of answers that depend only on people and their relationships (the access decision,
 * a user's row, a care team), keyed by the ids they depend on (decisions 0015, 0021). Every change to
 * those rows, by any process, is announced by a database trigger; an entry whose people changed after its
 * computation started is not used, so an answer computed while a change committed is never kept. Entries
 * have no age limit: they live until one of their people changes, and are used only while the notice
 * channel is heard (nothing is cached while it is not).
 */
class PeopleCache {
  #heardAt = -Infinity;
  #tick = 0;
  /** Entries and computations that started before this tick are void (notices may have been missed). */
  #floor = 0;
  readonly #changedAt = new Map<string, number>();
  readonly #entries = new Map<string, Entry>();
  /** Computations under way, shared by every request for the same key while its people are unchanged. */
  readonly #pending = new Map<string, { tick: number; ids: readonly string[]; value: Promise<unknown> }>();

  constructor(database: Database) {
    database.listen(CHANNEL, {
      message: (id) => this.#changed(id),
      live: () => this.#reset(),
      heard: (at) => {
        this.#heardAt = Math.max(this.#heardAt, at);
      },
      lost: () => {
        this.#heardAt = -Infinity;
        this.#reset();
      },
    });
  }

  /** Every notice committed before this instant (this process's clock, ms) has been applied. */
  get heardAt() {
    return this.#heardAt;
  }

  /**
   * This process changed these people: their entries go now, before the database's notice comes back
   * (it reaches this node a few milliseconds after commit; the next request may come sooner).
   */
  changed(ids: readonly string[]) {
    for (const id of ids) this.#changed(id);
  }

  #changed(id: string) {
    if (this.#changedAt.size >= MAX_CHANGES) this.#reset();
    this.#changedAt.set(id, ++this.#tick);
  }

  #reset() {
    this.#floor = ++this.#tick;
    this.#changedAt.clear();
    this.#entries.clear();
  }

  #unchangedSince(tick: number, ids: readonly string[]) {
    return tick >= this.#floor && ids.every((id) => (this.#changedAt.get(id) ?? 0) <= tick);
  }

  /**
   * The cached answer for `key` (which depends on the people `ids`), else `compute`'s. While the notice
   * channel has not been heard within 1 s, every answer is computed.
   */
  async get<T>(key: string, ids: readonly string[], compute: () => Promise<T>, options: CacheOptions<T> = {}): Promise<T> {
    if (Date.now() - this.#heardAt > HEARD_WITHIN_MS) return compute();
    const hit = this.#entries.get(key);
    if (hit && hit.until > Date.now() && this.#unchangedSince(hit.tick, hit.ids)) return hit.value as T;
    return this.#compute(key, ids, compute, options);
  }

  /** One computation per key at a time: a request arriving while one runs for unchanged people shares it. */
  #compute<T>(key: string, ids: readonly string[], compute: () => Promise<T>, options: CacheOptions<T>): Promise<T> {
    const running = this.#pending.get(key);
    if (running && this.#unchangedSince(running.tick, running.ids)) return running.value as Promise<T>;
    const tick = this.#tick;
    const value = compute().then((v) => {
      const entry = { value: v, tick, until: options.until?.(v) ?? Infinity, ids: [...ids, ...(options.alsoNames?.(v) ?? [])] };
      if (this.#unchangedSince(tick, entry.ids)) this.#keep(key, entry);
      return v;
    });
    this.#pending.set(key, { tick, ids, value });
    const done = () => this.#pending.get(key)?.value === value && this.#pending.delete(key);
    value.then(done, done);
    return value;
  }

  #keep(key: string, entry: Entry) {
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
