import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { knownDevice } from './device.ts';
import type { HashPriority } from './hash-pool.ts';

/** A `rate_limited` answer that also says when to try again (the route sends it as Retry-After). */
export class ThrottledError extends AppError {
  readonly retryAfterSeconds: number;
  /** True for the first refusal in a window: only that one is audited, so a flood writes one row, not thousands. */
  readonly first: boolean;
  constructor(retryAfterMs: number, first: boolean) {
    super('rate_limited');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    this.first = first;
  }
}

export interface LoginClient {
  ip: string;
  deviceCookie?: string | undefined;
}

export interface Admission {
  /** The owner's known device id, when the request carried a valid device cookie for this e-mail. */
  device: string | null;
  priority: HashPriority;
  /** Gives the attempt's points back: a successful login does not count against anyone. */
  refund(): Promise<void>;
}

/** The longest a known device waits between attempts, however many wrong guesses it made. */
const MAX_DEVICE_DELAY_SECONDS = 60;
/** Attempts a known device may make per window before the delay starts (more than an unknown client gets). */
const DEVICE_FREE_ATTEMPTS = 10;

/**
 * Counts a login attempt before its password is checked, atomically in Redis, so parallel guesses
 * cannot all pass a check-then-count (SECURITY.md S25). Limits, in order: per client (IP) across
 * accounts, per account from that client, and all unknown clients together. A browser that holds the
 * owner's device cookie skips those and instead waits a delay that doubles with each wrong guess past
 * its free attempts, up to a minute: slowed, never locked out by what others do.
 */
export async function admitLogin(deps: Deps, email: string, client: LoginClient): Promise<Admission> {
  const { config, rateLimits } = deps;
  const account = email.toLowerCase();
  const window = config.loginWindowSeconds;
  const device = knownDevice(config.sessionSecret, client.deviceCookie, account);
  const taken: Array<{ name: string; key: string; points: number; duration: number }> = [];
  const take = async (name: string, key: string, points: number, duration = window) => {
    try {
      const res = await rateLimits.limiter(name, points, duration).consume(key);
      taken.push({ name, key, points, duration });
      return res;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      throw new ThrottledError(err.msBeforeNext, err.consumedPoints === points + 1);
    }
  };

  if (device) {
    const deviceKey = `${account}|${device}`;
    const used = await take('login-device', deviceKey, Number.MAX_SAFE_INTEGER);
    const over = used.consumedPoints - DEVICE_FREE_ATTEMPTS;
    if (over > 0) {
      const delay = Math.min(2 ** (over - 1), MAX_DEVICE_DELAY_SECONDS);
      // One attempt per delay: the key exists for `delay` seconds after the attempt that created it.
      await take('login-device-slow', deviceKey, 1, delay);
    }
  } else {
    await take('login-client', client.ip, config.loginClientMaxAttempts);
    await take('login-account', `${account}|${client.ip}`, config.loginMaxFailures);
    await take('login-global', 'all', config.loginGlobalMaxAttempts);
  }

  return {
    device,
    priority: device ? 'owner' : 'normal',
    async refund() {
      // The owner's device proved itself: its count and delay start again from nothing.
      for (const t of taken) {
        const limiter = rateLimits.limiter(t.name, t.points, t.duration);
        await (device ? limiter.delete(t.key) : limiter.reward(t.key, 1));
      }
    },
  };
}
