import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Session } from '../platform/session.ts';
import * as people from '../people/service.ts';
import { isStaff } from './mfa.ts';
import { checkPasskey, registerPasskey } from './passkeys.ts';
import { issueRecoveryCodes, recoveryCodesLeft, useRecoveryCode } from './recovery-codes.ts';
import { ThrottledError } from './throttle.ts';
import { checkTotp, confirmTotp } from './totp.ts';

const MFA_ATTEMPTS = 5;
const MFA_WINDOW_SECONDS = 15 * 60;

export type Proof = { code: string } | { passkey: AuthenticationResponseJSON };

/** The user behind a session; a disabled or vanished account ends here. */
export async function sessionUser(deps: Deps, session: Session) {
  const user = await people.getUser(deps, session.userId);
  if (!user || user.disabledAt) throw new AppError('unauthorized');
  return user;
}

/**
 * Replaces a restricted session by a full one once the factor is proven: a new token, so a token seen
 * before the second factor is worthless after it.
 */
async function upgrade(deps: Deps, session: Session) {
  const user = await sessionUser(deps, session);
  const full = await deps.sessions.create({ id: user.id, role: user.role, orgId: user.orgId }, { factorAt: Date.now(), device: session.device, place: session.place });
  await deps.sessions.destroy(session, 'logout');
  return { token: full.token, user };
}

/**
 * Proves a second factor: completes sign-in for a restricted session, or records a fresh factor on a
 * full one (step-up before break-glass). Attempts are counted before the check, per user.
 */
export async function proveFactor(deps: Deps, session: Session, proof: Proof, requestId: string) {
  const limiter = deps.rateLimits.limiter('mfa', MFA_ATTEMPTS, MFA_WINDOW_SECONDS);
  try {
    await limiter.consume(session.userId);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new ThrottledError(err.msBeforeNext, err.consumedPoints === MFA_ATTEMPTS + 1);
    throw err;
  }
  let method: string;
  let ok: boolean;
  if ('passkey' in proof) {
    method = 'passkey';
    ok = await checkPasskey(deps, session.userId, session.id, proof.passkey);
  } else if (/^\d{6}$/.test(proof.code.replace(/\s/g, ''))) {
    method = 'totp';
    ok = await checkTotp(deps, session.userId, proof.code.replace(/\s/g, ''));
  } else {
    method = 'recovery';
    ok = await useRecoveryCode(deps.db, session.userId, proof.code);
  }
  const audit = { actor: session.userId, actorRole: session.role, action: 'auth.mfa', targetType: 'user', targetId: session.userId, requestId, details: { method } };
  if (!ok) {
    await deps.audit.record({ ...audit, outcome: 'failure' });
    throw new AppError('unauthorized', 'The code is not correct.');
  }
  await limiter.reward(session.userId, 1);
  await deps.audit.record({ ...audit, outcome: 'success' });
  if (session.pending) return upgrade(deps, session);
  await deps.sessions.markFactor(session.id);
  return null;
}

export type Enrolment = { totpCode: string } | { passkey: RegistrationResponseJSON; name: string };

/**
 * Adds a factor for a staff user. The first factor comes with ten recovery codes (returned once);
 * a session that was waiting for enrolment becomes a full one.
 */
export async function enrol(deps: Deps, session: Session, input: Enrolment, requestId: string) {
  if (!isStaff(session.role)) throw new AppError('forbidden');
  const method = 'totpCode' in input ? 'totp' : 'passkey';
  const ok = 'totpCode' in input ? await confirmTotp(deps, session.userId, input.totpCode) : await registerPasskey(deps, session.userId, input.name, input.passkey);
  if (!ok) throw new AppError('invalid', 'The code or key was not accepted.', [{ path: method === 'totp' ? 'code' : 'response', message: 'not_accepted' }]);
  const recoveryCodes = (await recoveryCodesLeft(deps.db, session.userId)) === 0 ? await issueRecoveryCodes(deps.db, session.userId) : undefined;
  await deps.audit.record({ actor: session.userId, actorRole: session.role, action: 'auth.mfa.enrol', targetType: 'user', targetId: session.userId, outcome: 'success', requestId, details: { method } });
  const upgraded = session.pending === 'enrol' ? await upgrade(deps, session) : null;
  if (!upgraded) await deps.sessions.markFactor(session.id);
  return { recoveryCodes, upgraded };
}
