import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../platform/context.ts';
import { SESSION_COOKIE } from '../platform/session.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, issueDeviceCookie, knownDevice } from './device.ts';
import { describeDevice, ipPrefix } from './my-sessions.ts';
import type { LoginContext } from './service.ts';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.get('deps');
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: config.env === 'production', sameSite: 'Lax', path: '/', maxAge: config.sessionAbsoluteSeconds });
}

/** Marks this browser as a known device of the account after a full sign-in (keeps an existing id). */
export function setDeviceCookie(c: Context<AppEnv>, email: string): void {
  const { config } = c.get('deps');
  const current = getCookie(c, DEVICE_COOKIE);
  const deviceId = knownDevice(config.sessionSecret, current, email) ?? undefined;
  setCookie(c, DEVICE_COOKIE, issueDeviceCookie(config.sessionSecret, email, deviceId), {
    httpOnly: true,
    secure: config.env === 'production',
    sameSite: 'Lax',
    path: '/api/auth',
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
}

export function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function loginContext(c: Context<AppEnv>): LoginContext {
  const ip = clientIp(c);
  return {
    requestId: c.get('requestId'),
    client: { ip, deviceCookie: getCookie(c, DEVICE_COOKIE) },
    device: describeDevice(c.req.header('user-agent')),
    place: ipPrefix(ip),
  };
}
