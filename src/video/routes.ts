import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { CreateGuestLinkRequest, GUEST_COOKIE, VIDEO_STATUS_FALLBACK, RedeemGuestLinkRequest, RoomRef } from '../contracts/video.ts';
import type { AppEnv } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow, authenticated, publicRoute } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { VideoService, videoOf } from './service.ts';

const RoomParam = z.object({ kind: RoomRef.shape.kind, id: RoomRef.shape.id });

export const videoRoutes = new Hono<AppEnv>()
  /** Whether the SFU runs or calls run as a mesh, so the web app can say which. */
  .get('/video/status', authenticated(), (c) => {
    const video = c.get('deps').video;
    return c.json(video instanceof VideoService ? video.info() : VIDEO_STATUS_FALLBACK);
  })
  .get('/video/rooms/:kind/:id', authenticated(), valid('param', RoomParam), async (c) =>
    c.json(await videoOf(c.get('deps')).summary(actorOf(c), c.req.valid('param'))),
  )
  .post('/video/rooms/:kind/:id/guest-links', allow('navigator', 'specialist'), valid('param', RoomParam), valid('json', CreateGuestLinkRequest), async (c) =>
    c.json(await videoOf(c.get('deps')).createGuestLink(actorOf(c), c.req.valid('param'), c.req.valid('json')), 201),
  )
  .get('/video/rooms/:kind/:id/guest-links', allow('navigator', 'specialist'), valid('param', RoomParam), async (c) =>
    c.json({ links: await videoOf(c.get('deps')).listGuestLinks(actorOf(c), c.req.valid('param')) }),
  )
  .delete('/video/rooms/:kind/:id/guest-links/:linkId', allow('navigator', 'specialist'), valid('param', RoomParam.extend({ linkId: z.uuid() })), async (c) => {
    const { linkId, ...ref } = c.req.valid('param');
    await videoOf(c.get('deps')).revokeGuestLink(actorOf(c), ref, linkId);
    return c.body(null, 204);
  })
  /** A guest opens their link: the one-time token becomes a guest cookie for this room only. */
  .post('/video/guest/session', publicRoute(), valid('json', RedeemGuestLinkRequest), async (c) => {
    const deps = c.get('deps');
    const { sessionToken, session, expiresAt } = await videoOf(deps).redeemGuestLink(c.req.valid('json').token, c.get('requestId'));
    setCookie(c, GUEST_COOKIE, sessionToken, {
      httpOnly: true,
      secure: deps.config.env === 'production',
      sameSite: 'Strict',
      path: '/',
      expires: expiresAt,
    });
    return c.json(videoOf(deps).guestInfo(session), 201);
  })
  .get('/video/guest/session', publicRoute(), async (c) => {
    const video = videoOf(c.get('deps'));
    const token = getCookie(c, GUEST_COOKIE);
    const session = token ? await video.guestSession(token) : null;
    if (!session) throw new AppError('unauthorized');
    return c.json(video.guestInfo(session));
  });
