import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Me } from '../contracts/auth.ts';
import type { Locale, Role } from '../contracts/common.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import * as people from '../people/service.ts';
import type { MfaMethod } from '../contracts/auth-security.ts';
import { hashPool } from './hash-pool.ts';
import { factorMethods, isStaff, staffMfaRequired } from './mfa.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { invitations } from './tables.ts';
import { admitLogin, ThrottledError, type LoginClient } from './throttle.ts';

const INVITATION_DAYS = 7;

export { assertRecentFactor } from './mfa.ts';

export function toMe(u: { id: string; role: Role; name: string; locale: string; timezone: string }): Me {
  return { id: u.id, role: u.role, name: u.name, locale: u.locale as Locale, timezone: u.timezone };
}

export interface LoginContext {
  requestId: string;
  client: LoginClient;
  /** For the sessions list: a device summary and the IP prefix. */
  device: string;
  place: string;
}

export type LoginOutcome =
  | { kind: 'signed-in'; token: string; user: Me; email: string }
  | { kind: 'mfa'; token: string; mfa: 'required' | 'enrol'; methods: MfaMethod[] };

/**
 * Checks a password and opens a session. The attempt is counted before the check (throttle.ts) and
 * given back on success; the hash runs in the bounded pool (SECURITY.md S25). Staff with a second
 * factor, or staff who must enrol one, get a restricted session that can only complete that step.
 */
export async function login(deps: Deps, input: { email: string; password: string }, ctx: LoginContext): Promise<LoginOutcome> {
  const { requestId } = ctx;
  let admission;
  try {
    admission = await admitLogin(deps, input.email, ctx.client);
  } catch (err) {
    if (err instanceof ThrottledError && err.first) {
      await deps.audit.record({ actor: 'anonymous', action: 'auth.login', outcome: 'denied', requestId, details: { reason: 'rate_limited' } });
    }
    throw err;
  }
  const user = await people.findUserByEmail(deps, input.email);
  const ok = await hashPool(deps).run(() => verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH), admission.priority);
  if (!user || !ok || user.disabledAt || !user.passwordHash) {
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
  await admission.refund();
  const extras = { device: ctx.device, place: ctx.place };
  const methods = isStaff(user.role) ? await factorMethods(deps, user.id) : [];
  const pending = methods.length ? 'mfa' : isStaff(user.role) && (await staffMfaRequired(deps, user.orgId)) ? 'enrol' : undefined;
  const sessionUser = { id: user.id, role: user.role, orgId: user.orgId };
  const audit = { actor: user.id, actorRole: user.role, action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'success' as const, requestId };
  if (pending) {
    const { token } = await deps.sessions.create(sessionUser, { ...extras, pending });
    await deps.audit.record({ ...audit, details: { mfa: pending } });
    return { kind: 'mfa', token, mfa: pending === 'mfa' ? 'required' : 'enrol', methods: pending === 'mfa' ? methods : ['totp', 'passkey'] };
  }
  const { token } = await deps.sessions.create(sessionUser, extras);
  await deps.audit.record(audit);
  return { kind: 'signed-in', token, user: toMe(user), email: user.email };
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
  // The inviter gets the same answer either way; the owner of an existing account is told instead, so
  // an invitation cannot be used to find out who has an account (SECURITY.md S25).
  const existing = await people.findUserByEmail(deps, input.email);
  if (existing) {
    const t = translator(existing.locale, 'security');
    await deps.mailer.send({ to: existing.email, subject: t('mail.existing.subject'), text: t('mail.existing.text', { link: `${deps.config.publicUrl}/login` }) });
  } else {
    const t = translator(input.locale, 'notifications');
    await deps.mailer.send({ to: input.email, subject: t('notify.invitation.subject'), text: t('notify.invitation.text', { link, days: INVITATION_DAYS }) });
  }
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
  // An invitation to an address that already has an account can never be accepted (see invite()).
  if (await people.findUserByEmail(deps, inv.email)) throw new AppError('not_found', 'This invitation is not valid or has expired.');
  assertPasswordAcceptable(input.password, inv.email);
  const passwordHash = await hashPool(deps).run(() => hashPassword(input.password));
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
