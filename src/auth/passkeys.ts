import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { passkeys } from './tables.ts';

const CHALLENGE_SECONDS = 5 * 60;

// The relying party is the public URL's host; read at call time (tests learn their port after start).
const rp = (deps: Deps) => ({ rpID: new URL(deps.config.publicUrl).hostname, origin: new URL(deps.config.publicUrl).origin });
const challengeKey = (deps: Deps, kind: 'reg' | 'auth', ownerId: string) => deps.key('webauthn', kind, ownerId);

/** The challenge is single-use: read and deleted in one step. */
async function takeChallenge(deps: Deps, kind: 'reg' | 'auth', ownerId: string): Promise<string> {
  const challenge = await deps.redis.getdel(challengeKey(deps, kind, ownerId));
  if (!challenge) throw new AppError('not_found', 'Start again: the request expired.');
  return challenge;
}

export async function listPasskeys(deps: Deps, userId: string) {
  return deps.db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(desc(passkeys.createdAt));
}

export async function registrationOptions(deps: Deps, user: { id: string; email: string; name: string }) {
  const existing = await listPasskeys(deps, user.id);
  const options = await generateRegistrationOptions({
    rpName: 'Wayfinder',
    rpID: rp(deps).rpID,
    userName: user.email,
    userDisplayName: user.name,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await deps.redis.set(challengeKey(deps, 'reg', user.id), options.challenge, 'EX', CHALLENGE_SECONDS);
  return options;
}

export async function registerPasskey(deps: Deps, userId: string, name: string, response: RegistrationResponseJSON): Promise<boolean> {
  const expectedChallenge = await takeChallenge(deps, 'reg', userId);
  const { rpID, origin } = rp(deps);
  const result = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false }).catch(() => null);
  if (!result?.verified) return false;
  const { credential } = result.registrationInfo;
  await deps.db.insert(passkeys).values({
    id: credential.id,
    userId,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name,
  });
  return true;
}

/** Options for proving a passkey; the challenge is tied to the session asking, so it cannot be replayed elsewhere. */
export async function authenticationOptions(deps: Deps, userId: string, sessionId: string) {
  const creds = await listPasskeys(deps, userId);
  if (creds.length === 0) throw new AppError('not_found', 'No passkey is registered.');
  const options = await generateAuthenticationOptions({
    rpID: rp(deps).rpID,
    allowCredentials: creds.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransport[] })),
    userVerification: 'preferred',
  });
  await deps.redis.set(challengeKey(deps, 'auth', sessionId), options.challenge, 'EX', CHALLENGE_SECONDS);
  return options;
}

export async function checkPasskey(deps: Deps, userId: string, sessionId: string, response: AuthenticationResponseJSON): Promise<boolean> {
  const expectedChallenge = await takeChallenge(deps, 'auth', sessionId);
  const [cred] = await deps.db.select().from(passkeys).where(and(eq(passkeys.id, response.id), eq(passkeys.userId, userId)));
  if (!cred) return false;
  const { rpID, origin } = rp(deps);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
    credential: { id: cred.id, publicKey: new Uint8Array(Buffer.from(cred.publicKey, 'base64url')), counter: cred.counter, transports: cred.transports as AuthenticatorTransport[] },
  }).catch(() => null);
  if (!result?.verified) return false;
  await deps.db.update(passkeys).set({ counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() }).where(eq(passkeys.id, cred.id));
  return true;
}

export async function removePasskey(deps: Deps, userId: string, id: string): Promise<boolean> {
  const gone = await deps.db.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id });
  return gone.length === 1;
}
