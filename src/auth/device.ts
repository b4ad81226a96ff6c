import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'wf_device';
export const DEVICE_COOKIE_DAYS = 180;

const sign = (secret: string, deviceId: string, email: string) =>
  createHmac('sha256', secret).update(`device\n${deviceId}\n${email.toLowerCase()}`).digest('base64url');

/**
 * A browser that signed in to an account before carries a cookie naming a device id, signed for that
 * account's e-mail. Such a login is throttled by its own progressive delay instead of the per-client
 * lock, so guesses from elsewhere cannot lock the owner out of their usual device.
 */
export function issueDeviceCookie(secret: string, email: string, deviceId = randomBytes(12).toString('base64url')): string {
  return `${deviceId}.${sign(secret, deviceId, email)}`;
}

/** The device id when the cookie was issued for this e-mail; null for a missing, foreign or forged cookie. */
export function knownDevice(secret: string, cookie: string | undefined, email: string): string | null {
  const [deviceId, mac] = cookie?.split('.') ?? [];
  if (!deviceId || !mac || !/^[\w-]{8,40}$/.test(deviceId)) return null;
  const expected = Buffer.from(sign(secret, deviceId, email));
  const actual = Buffer.from(mac);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? deviceId : null;
}
