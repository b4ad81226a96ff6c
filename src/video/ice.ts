import { createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import type { IceServer } from '../contracts/video.ts';

/** How long TURN credentials stay valid; a call longer than this keeps its allocation (coturn checks at allocate). */
export const TURN_TTL_SECONDS = 12 * 60 * 60;

/**
 * TURN credentials in the coturn REST convention (`use-auth-secret`): username `<expiry>:<userId>`,
 * password base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC, so nothing is stored.
 */
export function turnCredential(secret: string, userId: string, nowMs = Date.now(), ttlSeconds = TURN_TTL_SECONDS) {
  const username = `${Math.floor(nowMs / 1000) + ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers a browser gets for one call: STUN as configured, TURN with a credential for this identity. */
export function iceServersFor(ice: Config['ice'], identityId: string, nowMs = Date.now()): IceServer[] {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length && ice.turnSecret) servers.push({ urls: ice.turnUrls, ...turnCredential(ice.turnSecret, identityId, nowMs) });
  return servers;
}
