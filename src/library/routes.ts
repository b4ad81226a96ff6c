import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { CreateEntryRequest, LibraryQuery, ShareEntryRequest } from '../contracts/library.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as library from './service.ts';

const IdParam = z.object({ id: Id });
const READERS = ['patient', 'caregiver', 'navigator', 'specialist'] as const;

export const libraryRoutes = new Hono<AppEnv>()
  .get('/library', allow(...READERS), valid('query', LibraryQuery), async (c) => c.json({ entries: await library.list(c.get('deps'), actorOf(c), c.req.valid('query')) }))
  .get('/library/:id', allow(...READERS), valid('param', IdParam), async (c) => c.json(await library.get(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/library', allow('navigator'), valid('json', CreateEntryRequest), async (c) => c.json(await library.create(c.get('deps'), actorOf(c), c.req.valid('json')), 201))
  .put('/library/:id/reviewed', allow('navigator'), valid('param', IdParam), async (c) => c.json(await library.markReviewed(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/library/:id/share', allow('navigator'), valid('param', IdParam), valid('json', ShareEntryRequest), async (c) => {
    const deps = c.get('deps');
    const sent = await library.share(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').threadId);
    sent.after().catch((err: unknown) => deps.logger.error({ messageId: sent.result.message.id, err: (err as Error).name }, 'message delivery failed'));
    return c.json(sent.result, 201);
  });
