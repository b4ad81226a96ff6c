import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import * as people from '../people/service.ts';
import { hashPool } from './hash-pool.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { passwordResets } from './tables.ts';
import { ThrottledError } from './throttle.ts';

export const RESET_MINUTES = 30;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** True when the key may act again; false once it used its points (the caller decides what that means). */
async function within(deps: Deps, name: string, key: string, points: number, seconds: number): Promise<boolean> {
  try {
    await deps.rateLimits.limiter(name, points, seconds).consume(key);
    return true;
  } catch (err) {
    if (err instanceof RateLimiterRes) return false;
    throw err;
  }
}

/**
 * Sends a one-time link valid 30 minutes when the address has an account; the caller answers 202
 * either way. The mail goes out after the answer, so timing does not reveal the account either.
 * Over the per-client or per-address limit nothing is sent (no mail bombing through us).
 */
export async function requestPasswordReset(deps: Deps, email: string, ip: string, requestId: string): Promise<void> {
  if (!(await within(deps, 'reset-client', ip, 20, 3600)) || !(await within(deps, 'reset-address', email.toLowerCase(), 3, 3600))) return;
  const user = await people.findUserByEmail(deps, email);
  if (!user || user.disabledAt) return;
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await deps.db.insert(passwordResets).values({ id, userId: user.id, tokenHash: digest(token), expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
  await deps.audit.record({ actor: user.id, actorRole: user.role, action: 'auth.password_reset.request', targetType: 'user', targetId: user.id, outcome: 'success', requestId });
  // The token rides in the fragment: browsers never send it to the server or in a Referer.
  const link = `${deps.config.publicUrl}/reset-password#${token}`;
  const t = translator(user.locale, 'security');
  void deps.mailer
    .send({ to: user.email, subject: t('mail.reset.subject'), text: t('mail.reset.text', { link, minutes: RESET_MINUTES }) })
    .catch((err: Error) => deps.logger.warn({ requestId, err: err.message }, 'password reset mail failed'));
}

/** Sets the new password from a live link, spends the link (and any other), and ends every session of the user. */
export async function confirmPasswordReset(deps: Deps, input: { token: string; password: string }, requestId: string): Promise<void> {
  const expired = () => new AppError('not_found', 'This link is not valid or has expired.');
  const [reset] = await deps.db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, digest(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())));
  if (!reset) throw expired();
  const user = await people.getUser(deps, reset.userId);
  if (!user || user.disabledAt) throw expired();
  assertPasswordAcceptable(input.password, user.email);
  const passwordHash = await hashPool(deps).run(() => hashPassword(input.password));
  await deps.db.transaction(async (tx) => {
    const spent = await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt))).returning({ id: passwordResets.id });
    if (spent.length === 0) throw expired();
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await people.setPasswordHash(tx, user.id, passwordHash);
    await deps.audit.record({ actor: user.id, actorRole: user.role, action: 'auth.password_reset.confirm', targetType: 'user', targetId: user.id, outcome: 'success', requestId }, tx as never);
  });
  await deps.sessions.destroyAll(user.id, 'logout');
}

/** Changes the password of a signed-in user who knows the current one; their other sessions end. */
export async function changePassword(deps: Deps, actor: Actor, input: { currentPassword: string; password: string }): Promise<void> {
  const limiter = deps.rateLimits.limiter('password-change', 5, 15 * 60);
  try {
    await limiter.consume(actor.userId);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new ThrottledError(err.msBeforeNext, false);
    throw err;
  }
  const user = await people.getUser(deps, actor.userId);
  if (!user?.passwordHash) throw new AppError('unauthorized');
  const pool = hashPool(deps);
  const audit = { actor: actor.userId, actorRole: actor.role, action: 'auth.password.change', targetType: 'user', targetId: actor.userId, requestId: actor.requestId };
  if (!(await pool.run(() => verifyPassword(input.currentPassword, user.passwordHash ?? '')))) {
    await deps.audit.record({ ...audit, outcome: 'failure' });
    // Not 401: the session is fine, only the field is wrong.
    throw new AppError('invalid', 'currentPassword: not correct', [{ path: 'currentPassword', message: 'incorrect' }]);
  }
  await limiter.reward(actor.userId, 1);
  assertPasswordAcceptable(input.password, user.email);
  const passwordHash = await pool.run(() => hashPassword(input.password));
  await people.setPasswordHash(deps.db, actor.userId, passwordHash);
  await deps.audit.record({ ...audit, outcome: 'success' });
  for (const s of await deps.sessions.list(actor.userId)) if (s.id !== actor.sessionId) await deps.sessions.destroy(s, 'logout');
}
