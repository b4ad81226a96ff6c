import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { SiteListQuery, SiteMemberRequest, SiteProfileUpdate } from '../contracts/referrals.ts';
import type { AppEnv } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as directory from './service.ts';

const IdParam = z.object({ id: Id });

/** The network directory: staff read it, administrators keep it. Mounted by the referrals routes. */
export const directoryRoutes = new Hono<AppEnv>()
  .get('/directory/sites', allow('navigator', 'specialist', 'admin'), valid('query', SiteListQuery), async (c) => {
    const q = c.req.valid('query');
    const sites = await directory.listSites(c.get('deps'), actorOf(c), { domain: q.domain, language: q.language, telemedicine: q.telemedicine === undefined ? undefined : q.telemedicine === 'true' });
    return c.json({ sites });
  })
  .get('/directory/sites/:id', allow('navigator', 'specialist', 'admin'), valid('param', IdParam), async (c) => {
    const site = await directory.getSite(c.get('deps'), actorOf(c).orgId, c.req.valid('param').id);
    if (!site) throw new AppError('not_found');
    return c.json(site);
  })
  .put('/directory/sites/:id', allow('admin'), valid('param', IdParam), valid('json', SiteProfileUpdate), async (c) =>
    c.json(await directory.updateSiteProfile(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .put('/directory/sites/:id/members', allow('admin'), valid('param', IdParam), valid('json', SiteMemberRequest), async (c) => {
    const { userId, role } = c.req.valid('json');
    await directory.addSiteMember(c.get('deps'), actorOf(c), c.req.valid('param').id, userId, role);
    return c.body(null, 204);
  })
  .delete('/directory/sites/:id/members/:userId', allow('admin'), valid('param', z.object({ id: Id, userId: Id })), async (c) => {
    const { id, userId } = c.req.valid('param');
    await directory.removeSiteMember(c.get('deps'), actorOf(c), id, userId);
    return c.body(null, 204);
  });
