import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { iceServersFor, turnCredential, TURN_TTL_SECONDS } from '../../../src/video/ice.ts';

describe('TURN credentials (coturn REST convention)', () => {
  test('username is <expiry>:<user>, password is base64 HMAC-SHA1 of it with the shared secret', () => {
    const now = Date.UTC(2026, 0, 1);
    const { username, credential } = turnCredential('s3cret-s3cret-s3cret', 'user-1', now);
    expect(username).toBe(`${now / 1000 + TURN_TTL_SECONDS}:user-1`);
    expect(credential).toBe(createHmac('sha1', 's3cret-s3cret-s3cret').update(username).digest('base64'));
  });

  test('STUN only when no TURN secret; nothing when nothing is configured', () => {
    expect(iceServersFor({ stunUrls: ['stun:a:3478'], turnUrls: ['turn:b:3478'], turnSecret: undefined }, 'u')).toEqual([{ urls: ['stun:a:3478'] }]);
    expect(iceServersFor({ stunUrls: [], turnUrls: [], turnSecret: undefined }, 'u')).toEqual([]);
  });
});
