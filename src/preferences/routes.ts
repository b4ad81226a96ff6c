import { Hono } from 'hono';
import { QuietHoursRequest } from '../contracts/preferences.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as preferences from './service.ts';

export const preferenceRoutes = new Hono<AppEnv>()
  .get('/me/quiet-hours', authenticated(), async (c) => c.json({ quietHours: await preferences.quietHoursOf(c.get('deps'), actorOf(c).userId) }))
  .put('/me/quiet-hours', authenticated(), valid('json', QuietHoursRequest), async (c) => c.json({ quietHours: await preferences.setQuietHours(c.get('deps'), actorOf(c), c.req.valid('json')) }))
  .delete('/me/quiet-hours', authenticated(), async (c) => {
    await preferences.setQuietHours(c.get('deps'), actorOf(c), null);
    return c.body(null, 204);
  });
