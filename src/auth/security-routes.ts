import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  MfaCodeRequest,
  OrgAuthSettings,
  PasskeyAssertion,
  PasskeyRegistration,
  PasswordChangeRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  SessionIdParam,
} from '../contracts/auth-security.ts';
import type { AppEnv } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow, authenticated, POLICY, publicRoute } from '../platform/policy.ts';
import type { Session } from '../platform/session.ts';
import { valid } from '../platform/validate.ts';
import { clientIp, setDeviceCookie, setSessionCookie } from './cookies.ts';
import { assertRecentFactor, mfaStatus, setStaffMfaRequired, staffMfaRequired } from './mfa.ts';
import { endMySession, endOtherSessions, listMySessions } from './my-sessions.ts';
import { authenticationOptions, registrationOptions, removePasskey } from './passkeys.ts';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { withRetryAfter } from './retry-after.ts';
import { enrol, proveFactor, sessionUser, type Proof } from './second-factor.ts';
import { removeTotp, startTotp } from './totp.ts';

/**
 * A full session, or one still waiting for its second factor: the only routes such a session may call
 * are the ones behind this policy (prove a factor, or enrol one when the organization requires it).
 */
const signedInOrPending = (): MiddlewareHandler<AppEnv> =>
  Object.assign(
    async (c: Context<AppEnv>, next: () => Promise<void>) => {
      if (!c.get('actor') && !c.get('pendingSession')) throw new AppError('unauthorized');
      await next();
    },
    { [POLICY]: 'signed-in-or-mfa-pending' },
  );

function statusOwner(c: Context<AppEnv>) {
  const actor = actorOf(c);
  return { id: actor.userId, role: actor.role, orgId: actor.orgId };
}

async function currentSession(c: Context<AppEnv>): Promise<Session> {
  const pending = c.get('pendingSession');
  if (pending) return pending;
  const session = await c.get('deps').sessions.get(actorOf(c).sessionId);
  if (!session) throw new AppError('unauthorized');
  return session;
}

/** Enrolment is open to full sessions, and to a restricted one only when it is waiting for enrolment. */
async function enrollingSession(c: Context<AppEnv>): Promise<Session> {
  const session = await currentSession(c);
  if (session.pending === 'mfa') throw new AppError('unauthorized');
  return session;
}

/** After a factor completed sign-in: the new full session's cookie, and this browser becomes a known device. */
function signedIn(c: Context<AppEnv>, upgraded: { token: string; user: { email: string } } | null): void {
  if (!upgraded) return;
  setSessionCookie(c, upgraded.token);
  setDeviceCookie(c, upgraded.user.email);
}

async function answerProof(c: Context<AppEnv>, proof: Proof) {
  const deps = c.get('deps');
  const session = await currentSession(c);
  const upgraded = await withRetryAfter(c, () => proveFactor(deps, session, proof, c.get('requestId')));
  signedIn(c, upgraded);
  return c.body(null, 204);
}

export const securityRoutes = new Hono<AppEnv>()
  // Password reset (S26): always 202, so the answer does not reveal whether the address has an account.
  .post('/auth/password-reset', publicRoute(), valid('json', PasswordResetRequest), async (c) => {
    await requestPasswordReset(c.get('deps'), c.req.valid('json').email, clientIp(c), c.get('requestId'));
    return c.body(null, 202);
  })
  .post('/auth/password-reset/confirm', publicRoute(), valid('json', PasswordResetConfirm), async (c) => {
    await confirmPasswordReset(c.get('deps'), c.req.valid('json'), c.get('requestId'));
    return c.body(null, 204);
  })
  .post('/auth/password', authenticated(), valid('json', PasswordChangeRequest), async (c) => {
    await withRetryAfter(c, () => changePassword(c.get('deps'), actorOf(c), c.req.valid('json')));
    return c.body(null, 204);
  })
  // Second factor: prove one (completes sign-in, or steps up a full session before break-glass).
  .post('/auth/mfa', signedInOrPending(), valid('json', MfaCodeRequest), async (c) => answerProof(c, { code: c.req.valid('json').code }))
  .post('/auth/mfa/passkey/options', signedInOrPending(), async (c) => {
    const session = await currentSession(c);
    return c.json(await authenticationOptions(c.get('deps'), session.userId, session.id));
  })
  .post('/auth/mfa/passkey', signedInOrPending(), valid('json', PasskeyAssertion), async (c) =>
    answerProof(c, { passkey: c.req.valid('json').response as unknown as AuthenticationResponseJSON }),
  )
  .get('/auth/mfa', authenticated(), async (c) => {
    return c.json(await mfaStatus(c.get('deps'), statusOwner(c)));
  })
  // Enrolment: a TOTP app (QR code) or a passkey; the first factor comes with ten recovery codes.
  .post('/auth/mfa/totp/setup', signedInOrPending(), async (c) => {
    const deps = c.get('deps');
    const user = await sessionUser(deps, await enrollingSession(c));
    return c.json(await startTotp(deps, user));
  })
  .post('/auth/mfa/totp/confirm', signedInOrPending(), valid('json', MfaCodeRequest), async (c) => {
    const deps = c.get('deps');
    const { recoveryCodes, upgraded } = await enrol(deps, await enrollingSession(c), { totpCode: c.req.valid('json').code }, c.get('requestId'));
    signedIn(c, upgraded);
    return c.json({ recoveryCodes: recoveryCodes ?? null }, 201);
  })
  .post('/auth/mfa/passkey/register/options', signedInOrPending(), async (c) => {
    const deps = c.get('deps');
    const user = await sessionUser(deps, await enrollingSession(c));
    return c.json(await registrationOptions(deps, user));
  })
  .post('/auth/mfa/passkey/register', signedInOrPending(), valid('json', PasskeyRegistration), async (c) => {
    const deps = c.get('deps');
    const { name, response } = c.req.valid('json');
    const { recoveryCodes, upgraded } = await enrol(deps, await enrollingSession(c), { passkey: response as unknown as RegistrationResponseJSON, name }, c.get('requestId'));
    signedIn(c, upgraded);
    return c.json({ recoveryCodes: recoveryCodes ?? null }, 201);
  })
  .post('/auth/mfa/recovery-codes', allow('navigator', 'specialist', 'admin'), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const status = await mfaStatus(deps, statusOwner(c));
    if (!status.totp && status.passkeys.length === 0) throw new AppError('conflict', 'Add a second factor first.');
    return c.json({ recoveryCodes: await issueRecoveryCodes(deps.db, actor.userId) }, 201);
  })
  .delete('/auth/mfa/totp', allow('navigator', 'specialist', 'admin'), async (c) => {
    const deps = c.get('deps');
    await assertMayRemoveFactor(c, 'totp');
    await removeTotp(deps, actorOf(c).userId);
    return c.body(null, 204);
  })
  .delete('/auth/mfa/passkeys/:id', allow('navigator', 'specialist', 'admin'), valid('param', z.object({ id: z.string().min(1).max(1400) })), async (c) => {
    await assertMayRemoveFactor(c, c.req.valid('param').id);
    if (!(await removePasskey(c.get('deps'), actorOf(c).userId, c.req.valid('param').id))) throw new AppError('not_found');
    return c.body(null, 204);
  })
  // My sessions (account page): list, end one (its sockets close), end all the others.
  .get('/auth/sessions', authenticated(), async (c) => c.json(await listMySessions(c.get('deps'), actorOf(c))))
  .delete('/auth/sessions/:id', authenticated(), valid('param', SessionIdParam), async (c) => {
    await endMySession(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .delete('/auth/sessions', authenticated(), async (c) => c.json({ ended: await endOtherSessions(c.get('deps'), actorOf(c)) }))
  // The organization's rule: must staff enrol a second factor?
  .get('/auth/org-settings', allow('admin'), async (c) => c.json({ requireStaffMfa: await staffMfaRequired(c.get('deps'), actorOf(c).orgId) }))
  .put('/auth/org-settings', allow('admin'), valid('json', OrgAuthSettings), async (c) => {
    const { requireStaffMfa } = c.req.valid('json');
    await setStaffMfaRequired(c.get('deps'), actorOf(c), requireStaffMfa);
    return c.json({ requireStaffMfa });
  });

/** Removing the last factor is refused while the organization requires one, and needs a recent factor. */
async function assertMayRemoveFactor(c: Context<AppEnv>, removing: string): Promise<void> {
  const deps = c.get('deps');
  const actor = actorOf(c);
  const status = await mfaStatus(deps, statusOwner(c));
  const remaining = (status.totp && removing !== 'totp' ? 1 : 0) + status.passkeys.filter((p) => p.id !== removing).length;
  if (status.required && remaining === 0) throw new AppError('conflict', 'Your organization requires a second factor.');
  await assertRecentFactor(deps, actor);
}
