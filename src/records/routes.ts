import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { AddDocumentRequest } from '../contracts/records.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as records from './service.ts';

const IdParam = z.object({ id: Id });

export const recordRoutes = new Hono<AppEnv>()
  .get('/patients/:id/records', allow('patient', 'caregiver'), valid('param', IdParam), async (c) => c.json(await records.listRecords(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/patients/:id/records', allow('patient', 'caregiver'), valid('param', IdParam), valid('json', AddDocumentRequest), async (c) =>
    c.json({ id: await records.addRecord(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
