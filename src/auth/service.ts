import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Me } from '../contracts/auth.ts';
import type { Locale, Role } from '../contracts/common.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import * as people from '../people/service.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { invitations } from './tables.ts';

const LOGIN_LIMIT = 'login-failures';
const INVITATION_DAYS = 7;

export function toMe(u: { id: string; role: Role; name: string; locale: string; timezone: string }): Me {
  return { id: u.id, role: u.role, name: u.name, locale: u.locale as Locale, timezone: u.timezone };
}

/**
 * Checks a password and opens a session. Failures are counted per e-mail in Redis; past the limit the
 * answer is `rate_limited` even for the right password, so guessing cannot continue (SECURITY.md S9).
 */
export async function login(deps: Deps, input: { email: string; password: string }, requestId: string) {
  const { config, rateLimits } = deps;
  const limitKey = input.email.toLowerCase();
  const limit = [LOGIN_LIMIT, limitKey, config.loginMaxFailures, config.loginWindowSeconds] as const;
  if (await rateLimits.exhausted(...limit)) {
    await deps.audit.record({ actor: 'anonymous', action: 'auth.login', outcome: 'denied', requestId, details: { reason: 'rate_limited' } });
    throw new AppError('rate_limited');
  }
  const user = await people.findUserByEmail(deps, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt || !user.passwordHash) {
    await rateLimits.penalize(...limit);
    await deps.audit.record({
      actor: user?.id ?? 'anonymous',
      actorRole: user?.role,
      action: 'auth.login',
      targetType: 'user',
      targetId: user?.id,
      outcome: 'failure',
      requestId,
    });
    throw new AppError('unauthorized', 'E-mail or password is not correct.');
  }
  await rateLimits.reset(...limit);
  const { token, session } = await deps.sessions.create({ id: user.id, role: user.role, orgId: user.orgId });
  await deps.audit.record({ actor: user.id, actorRole: user.role, action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'success', requestId });
  return { token, session, user: toMe(user) };
}

export async function me(deps: Deps, actor: Actor): Promise<Me> {
  const user = await people.getUser(deps, actor.userId);
  if (!user) throw new AppError('unauthorized');
  return toMe(user);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a one-time, expiring invitation and e-mails its link; the link is also returned to the inviter. */
export async function invite(
  deps: Deps,
  actor: Actor,
  input: { email: string; name: string; role: Role; locale: Locale; patientId?: string | undefined; navigatorId?: string | undefined },
) {
  // Navigators invite patients and caregivers into their care; admins invite anyone.
  if (actor.role === 'navigator' && !['patient', 'caregiver'].includes(input.role)) throw new AppError('forbidden');
  if (await people.findUserByEmail(deps, input.email)) throw new AppError('conflict', 'An account with this e-mail exists.');
  const navigatorId = input.role === 'patient' ? (input.navigatorId ?? (actor.role === 'navigator' ? actor.userId : undefined)) : undefined;
  if (input.role === 'patient' && !navigatorId) throw new AppError('invalid', 'navigatorId: a patient needs a navigator', [{ path: 'navigatorId', message: 'required for patients' }]);
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await deps.db.insert(invitations).values({
    id,
    tokenHash: tokenHash(token),
    orgId: actor.orgId,
    email: input.email,
    name: input.name,
    role: input.role,
    locale: input.locale,
    patientId: input.patientId ?? null,
    navigatorId: navigatorId ?? null,
    createdBy: actor.userId,
    expiresAt,
  });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'invitation.create', targetType: 'invitation', targetId: id, outcome: 'success', requestId: actor.requestId, details: { role: input.role } });
  const link = `${deps.config.publicUrl}/invite/${token}`;
  const t = translator(input.locale, 'notifications');
  await deps.mailer.send({
    to: input.email,
    subject: t('notify.invitation.subject'),
    text: t('notify.invitation.text', { link, days: INVITATION_DAYS }),
  });
  return { id, link, expiresAt: expiresAt.toISOString() };
}

async function liveInvitation(deps: Deps, token: string) {
  const [inv] = await deps.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, new Date())));
  if (!inv) throw new AppError('not_found', 'This invitation is not valid or has expired.');
  return inv;
}

export async function describeInvitation(deps: Deps, token: string) {
  const inv = await liveInvitation(deps, token);
  return { name: inv.name, email: inv.email, role: inv.role, locale: inv.locale as Locale, expiresAt: inv.expiresAt.toISOString() };
}

/** Sets the password, creates the account (and the patient's record and navigator link) in one transaction. */
export async function acceptInvitation(deps: Deps, input: { token: string; password: string }, requestId: string) {
  const inv = await liveInvitation(deps, input.token);
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  await deps.db.transaction(async (tx) => {
    // Marking it used inside the transaction makes a second accept of the same link a no-op.
    const used = await tx.update(invitations).set({ usedAt: new Date() }).where(and(eq(invitations.id, inv.id), isNull(invitations.usedAt))).returning({ id: invitations.id });
    if (used.length === 0) throw new AppError('not_found', 'This invitation is not valid or has expired.');
    await people.createAccount(tx, { id: userId, orgId: inv.orgId, email: inv.email, name: inv.name, role: inv.role, locale: inv.locale, passwordHash }, { navigatorId: inv.navigatorId, addedBy: inv.createdBy });
    await deps.audit.record({ actor: userId, actorRole: inv.role, action: 'invitation.accept', targetType: 'invitation', targetId: inv.id, outcome: 'success', requestId }, tx as never);
  });
  return { userId };
}
