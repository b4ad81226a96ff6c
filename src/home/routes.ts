import { Hono } from 'hono';
import { HomeQuery } from '../contracts/home.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { homeFor } from './service.ts';
import { specialistHome } from './specialist.ts';

export const homeRoutes = new Hono<AppEnv>()
  .get('/home', allow('patient', 'caregiver'), valid('query', HomeQuery), async (c) => c.json(await homeFor(c.get('deps'), actorOf(c), c.req.valid('query').patientId)))
  .get('/home/specialist', allow('specialist'), async (c) => c.json(await specialistHome(c.get('deps'), actorOf(c))));
