import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { AcceptInvitationRequest, CreateInvitationRequest, LoginRequest, UpdateMeRequest } from '../contracts/auth.ts';
import type { AppEnv } from '../platform/context.ts';
import { negotiateLocale } from '../platform/i18n.ts';
import { actorOf, allow, authenticated, publicRoute } from '../platform/policy.ts';
import { SESSION_COOKIE } from '../platform/session.ts';
import { valid } from '../platform/validate.ts';
import { updatePrefs } from '../people/service.ts';
import { z } from 'zod';
import { loginContext, setDeviceCookie, setSessionCookie } from './cookies.ts';
import { withRetryAfter } from './retry-after.ts';
import * as auth from './service.ts';

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', publicRoute(), valid('json', LoginRequest), async (c) => {
    const outcome = await withRetryAfter(c, () => auth.login(c.get('deps'), c.req.valid('json'), loginContext(c)));
    setSessionCookie(c, outcome.token);
    if (outcome.kind === 'mfa') return c.json({ mfa: outcome.mfa, methods: outcome.methods });
    setDeviceCookie(c, outcome.email);
    return c.json({ user: outcome.user });
  })
  .post('/auth/logout', publicRoute(), async (c) => {
    const deps = c.get('deps');
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await deps.sessions.peek(token) : null;
    if (session) {
      await deps.sessions.destroy(session, 'logout');
      await deps.audit.record({ actor: session.userId, actorRole: session.role, action: 'auth.logout', targetType: 'user', targetId: session.userId, outcome: 'success', requestId: c.get('requestId') });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .get('/me', authenticated(), async (c) => c.json(await auth.me(c.get('deps'), actorOf(c))))
  .patch('/me', authenticated(), valid('json', UpdateMeRequest), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    await updatePrefs(deps, actor.userId, c.req.valid('json'));
    return c.json(await auth.me(deps, actor));
  })
  .get('/locale', publicRoute(), (c) => c.json({ locale: negotiateLocale(c.req.header('accept-language')) }))
  .post('/invitations', allow('admin', 'navigator'), valid('json', CreateInvitationRequest), async (c) =>
    c.json(await auth.invite(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  )
  .get('/invitations/:token', publicRoute(), valid('param', z.object({ token: z.string().min(20).max(200) })), async (c) =>
    c.json(await auth.describeInvitation(c.get('deps'), c.req.valid('param').token)),
  )
  .post('/invitations/accept', publicRoute(), valid('json', AcceptInvitationRequest), async (c) =>
    c.json(await auth.acceptInvitation(c.get('deps'), c.req.valid('json'), c.get('requestId')), 201),
  );
