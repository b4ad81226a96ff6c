import { Hono } from 'hono';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { worklist } from './service.ts';

/** The navigator's home: one call for everything to do first (contracts/worklist.ts). */
export const worklistRoutes = new Hono<AppEnv>().get('/worklist', allow('navigator'), async (c) => c.json(await worklist(c.get('deps'), actorOf(c))));
