import { Hono } from 'hono';
import { HomeQuery } from '../contracts/home.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { homeFor } from './service.ts';

export const homeRoutes = new Hono<AppEnv>().get('/home', allow('patient', 'caregiver'), valid('query', HomeQuery), async (c) =>
  c.json(await homeFor(c.get('deps'), actorOf(c), c.req.valid('query').patientId)),
);
