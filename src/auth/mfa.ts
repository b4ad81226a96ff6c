import { eq } from 'drizzle-orm';
import type { MfaMethod, MfaStatus } from '../contracts/auth-security.ts';
import type { Role } from '../contracts/common.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listPasskeys } from './passkeys.ts';
import { recoveryCodesLeft } from './recovery-codes.ts';
import { authOrgSettings } from './tables.ts';
import { hasTotp } from './totp.ts';

const STAFF: readonly Role[] = ['navigator', 'specialist', 'admin'];
export const isStaff = (role: Role) => STAFF.includes(role);

/** A factor proven this recently lets a user take break-glass access without proving it again. */
export const RECENT_FACTOR_MS = 15 * 60_000;

/** The second factors a user can sign in with (recovery codes count only alongside a real factor). */
export async function factorMethods(deps: Deps, userId: string): Promise<MfaMethod[]> {
  const [totp, keys, codes] = await Promise.all([hasTotp(deps, userId), listPasskeys(deps, userId), recoveryCodesLeft(deps.db, userId)]);
  const methods: MfaMethod[] = [];
  if (totp) methods.push('totp');
  if (keys.length) methods.push('passkey');
  if (methods.length && codes) methods.push('recovery');
  return methods;
}

/** Whether staff of this organization must enrol: its own setting, else on in production. */
export async function staffMfaRequired(deps: Deps, orgId: string): Promise<boolean> {
  const [row] = await deps.db.select({ required: authOrgSettings.requireStaffMfa }).from(authOrgSettings).where(eq(authOrgSettings.orgId, orgId));
  return row?.required ?? deps.config.env === 'production';
}

export async function setStaffMfaRequired(deps: Deps, actor: Actor, required: boolean): Promise<void> {
  const row = { orgId: actor.orgId, requireStaffMfa: required, updatedBy: actor.userId, updatedAt: new Date() };
  await deps.db.insert(authOrgSettings).values(row).onConflictDoUpdate({ target: authOrgSettings.orgId, set: row });
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'auth.settings.update', targetType: 'organization', targetId: actor.orgId, outcome: 'success', requestId: actor.requestId, details: { requireStaffMfa: required } });
}

export async function mfaStatus(deps: Deps, user: { id: string; role: Role; orgId: string }): Promise<MfaStatus> {
  const [totp, keys, left, required] = await Promise.all([
    hasTotp(deps, user.id),
    listPasskeys(deps, user.id),
    recoveryCodesLeft(deps.db, user.id),
    staffMfaRequired(deps, user.orgId),
  ]);
  return {
    eligible: isStaff(user.role),
    required: required && isStaff(user.role),
    totp,
    passkeys: keys.map((k) => ({ id: k.id, name: k.name, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null })),
    recoveryCodesLeft: left,
  };
}

/**
 * Break-glass needs a second factor proven within the last 15 minutes when the user has one
 * (SECURITY.md S26). Answers `forbidden` with `mfa: step_up_required`; the client then proves a
 * factor with POST /api/auth/mfa (or a passkey) in the same session and tries again.
 */
export async function assertRecentFactor(deps: Deps, actor: Actor): Promise<void> {
  if ((await factorMethods(deps, actor.userId)).length === 0) return;
  const session = await deps.sessions.get(actor.sessionId);
  if (session?.factorAt && Date.now() - session.factorAt <= RECENT_FACTOR_MS) return;
  throw new AppError('forbidden', 'A second factor is needed first.', [{ path: 'mfa', message: 'step_up_required' }]);
}
