import { createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keyer } from './redis.ts';
import type { Role } from '../contracts/common.ts';

export const SESSION_COOKIE = 'wf_session';
/** Published when a user's sessions end, so every node disconnects that user's sockets and peers. */
export const SESSION_ENDED_CHANNEL = 'session-ended';

export interface Session {
  id: string;
  userId: string;
  role: Role;
  orgId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Set while a second factor is outstanding: such a session may only complete (or enrol) the factor. */
  pending?: 'mfa' | 'enrol';
  /** When a second factor was last verified in this session (ms); break-glass asks for a recent one. */
  factorAt?: number;
  /** What the owner sees in their sessions list: a browser/system summary and an IP prefix. */
  device?: string;
  place?: string;
}

export type SessionExtras = Pick<Session, 'pending' | 'factorAt' | 'device' | 'place'>;

export interface SessionEnded {
  userId: string;
  /** The ended session's id; absent when every session of the user ended (disable, logout everywhere). */
  sessionId?: string;
  reason: 'logout' | 'expired' | 'disabled';
}

/**
 * Returns the session and, unless it is past its absolute lifetime (the caller ends it), stores it back
 * with lastSeenAt = now and a fresh idle expiry. Timestamps are ms integers, exact in cjson's 14 digits.
 */
const TOUCH = `
local raw = redis.call('get', KEYS[1])
if not raw then return false end
local s = cjson.decode(raw)
if tonumber(ARGV[1]) - s.createdAt > tonumber(ARGV[3]) then return raw end
s.lastSeenAt = tonumber(ARGV[1])
raw = cjson.encode(s)
redis.call('set', KEYS[1], raw, 'PX', ARGV[2])
return raw`;

/**
 * Sessions live in Redis so every node sees the same state and logout is immediate. The cookie carries a
 * random token; Redis stores only its HMAC, so a copy of Redis does not yield usable cookies.
 */
const SWEEP_CHUNK = 500;

/** The client with TOUCH defined on it as a command. */
type TouchingRedis = Redis & { wayfinderSessionTouch(key: string, now: number, idleMs: number, absoluteMs: number): Promise<string | null> };

export class SessionStore {
  readonly #redis: TouchingRedis;
  readonly #key: Keyer;
  readonly #secret: string;
  readonly #idleMs: number;
  readonly #absoluteMs: number;

  constructor(opts: { redis: Redis; key: Keyer; secret: string; idleSeconds: number; absoluteSeconds: number }) {
    // Sent as EVALSHA: the script's text is not written (and hashed by Redis) on every request and socket event.
    opts.redis.defineCommand('wayfinderSessionTouch', { numberOfKeys: 1, lua: TOUCH });
    this.#redis = opts.redis as TouchingRedis;
    this.#key = opts.key;
    this.#secret = opts.secret;
    this.#idleMs = opts.idleSeconds * 1000;
    this.#absoluteMs = opts.absoluteSeconds * 1000;
  }

  get idleMs() {
    return this.#idleMs;
  }

  #id(token: string) {
    return createHmac('sha256', this.#secret).update(token).digest('hex');
  }

  async create(user: { id: string; role: Role; orgId: string }, extras: SessionExtras = {}): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session: Session = { id: this.#id(token), userId: user.id, role: user.role, orgId: user.orgId, createdAt: now, lastSeenAt: now, ...extras };
    await this.#redis
      .multi()
      .set(this.#key('sess', session.id), JSON.stringify(session), 'PX', this.#idleMs)
      .sadd(this.#key('user-sess', user.id), session.id)
      .exec();
    return { token, session };
  }

  /** Returns the live session for a cookie token and slides its idle deadline; null when absent or expired. */
  async touch(token: string): Promise<Session | null> {
    return this.refresh(this.#id(token));
  }

  /** Slides the idle deadline of a live session by id (socket activity counts as activity). */
  async refresh(sessionId: string): Promise<Session | null> {
    // Read and slide in one round trip: this runs on every request and every socket event.
    const raw = await this.#redis.wayfinderSessionTouch(this.#key('sess', sessionId), Date.now(), this.#idleMs, this.#absoluteMs);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (Date.now() - session.createdAt > this.#absoluteMs) {
      await this.#end(session, 'expired');
      return null;
    }
    return session;
  }

  /** Reads without sliding the idle deadline (used by socket liveness checks). */
  async peek(token: string): Promise<Session | null> {
    return this.get(this.#id(token));
  }

  async get(sessionId: string): Promise<Session | null> {
    const raw = await this.#redis.get(this.#key('sess', sessionId));
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (Date.now() - session.createdAt > this.#absoluteMs) {
      await this.#end(session, 'expired');
      return null;
    }
    return session;
  }

  /**
   * Of these sessions, the ones still live, read with one MGET per 500 ids: the socket sweep asks this for
   * every open socket of a node. One past its absolute limit is ended on the way, as `get` does.
   */
  async liveAmong(sessionIds: readonly string[]): Promise<Set<string>> {
    const live = new Set<string>();
    for (let i = 0; i < sessionIds.length; i += SWEEP_CHUNK) {
      const chunk = sessionIds.slice(i, i + SWEEP_CHUNK);
      const raws = await this.#redis.mget(chunk.map((id) => this.#key('sess', id)));
      for (const [j, raw] of raws.entries()) {
        if (!raw) continue;
        const session = JSON.parse(raw) as Session;
        if (Date.now() - session.createdAt <= this.#absoluteMs) live.add(chunk[j]!);
        else await this.#end(session, 'expired');
      }
    }
    return live;
  }

  /** Records a verified second factor on a live session (step-up before break-glass). */
  async markFactor(sessionId: string): Promise<void> {
    const session = await this.get(sessionId);
    if (!session) return;
    session.factorAt = Date.now();
    await this.#redis.set(this.#key('sess', session.id), JSON.stringify(session), 'PX', this.#idleMs, 'XX');
  }

  /** The user's live sessions; ids of sessions that expired silently are pruned from the user's set. */
  async list(userId: string): Promise<Session[]> {
    const ids = await this.#redis.smembers(this.#key('user-sess', userId));
    const live: Session[] = [];
    for (const id of ids) {
      const session = await this.get(id);
      if (session) live.push(session);
      else await this.#redis.srem(this.#key('user-sess', userId), id);
    }
    return live;
  }

  async destroy(session: Session, reason: SessionEnded['reason'] = 'logout'): Promise<void> {
    await this.#end(session, reason);
  }

  /** Ends every session of a user (account disabled, password changed). */
  async destroyAll(userId: string, reason: SessionEnded['reason']): Promise<void> {
    const ids = await this.#redis.smembers(this.#key('user-sess', userId));
    const multi = this.#redis.multi();
    for (const id of ids) multi.del(this.#key('sess', id));
    multi.del(this.#key('user-sess', userId));
    await multi.exec();
    await this.#publish({ userId, reason });
  }

  async #end(session: Session, reason: SessionEnded['reason']) {
    await this.#redis
      .multi()
      .del(this.#key('sess', session.id))
      .srem(this.#key('user-sess', session.userId), session.id)
      .exec();
    await this.#publish({ userId: session.userId, sessionId: session.id, reason });
  }

  #publish(ended: SessionEnded) {
    return this.#redis.publish(this.#key(SESSION_ENDED_CHANNEL), JSON.stringify(ended));
  }
}
