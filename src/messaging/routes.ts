import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { CreateThread, HandoverRequest, HistoryQuery, MuteRequest, PostMessage } from '../contracts/messaging.ts';
import type { AppEnv } from '../platform/context.ts';
import { fileResponse } from '../platform/file-response.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { download, upload } from './attachments.ts';
import * as messaging from './service.ts';

const ThreadParam = z.object({ id: Id });

export const messagingRoutes = new Hono<AppEnv>()
  .get('/threads', authenticated(), async (c) => c.json({ threads: await messaging.listThreads(c.get('deps'), actorOf(c)) }))
  .post('/threads', allow('navigator'), valid('json', CreateThread), async (c) => c.json(await messaging.createThread(c.get('deps'), actorOf(c), c.req.valid('json')), 201))
  .get('/threads/:id', authenticated(), valid('param', ThreadParam), async (c) => c.json(await messaging.threadSummary(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .get('/threads/:id/messages', authenticated(), valid('param', ThreadParam), valid('query', HistoryQuery), async (c) =>
    c.json(await messaging.history(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query'))),
  )
  .post('/threads/:id/messages', authenticated(), valid('param', ThreadParam), valid('json', PostMessage), async (c) => {
    const deps = c.get('deps');
    const sent = await messaging.sendMessage(deps, actorOf(c), { threadId: c.req.valid('param').id, ...c.req.valid('json') });
    setImmediate(() => {
      sent.after().catch((err: unknown) => deps.logger.error({ messageId: sent.result.message.id, err: (err as Error).name }, 'message delivery failed'));
    });
    return c.json(sent.result, 201);
  })
  .post('/threads/:id/read', authenticated(), valid('param', ThreadParam), valid('json', z.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict()), async (c) =>
    c.json(await messaging.markRead(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').seq)),
  )
  .put('/threads/:id/mute', authenticated(), valid('param', ThreadParam), valid('json', MuteRequest), async (c) => {
    await messaging.setMuted(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').muted);
    return c.body(null, 204);
  })
  .post(
    '/threads/:id/attachments',
    authenticated(),
    valid('param', ThreadParam),
    async (c) => {
      // The body limit for this route is set in app.ts with every other one.
      if (!c.req.header('content-type')?.startsWith('multipart/form-data')) throw new AppError('invalid', 'Send the file as multipart/form-data.');
      const body = await c.req.parseBody().catch(() => {
        throw new AppError('invalid', 'The form could not be read.');
      });
      const file = body.file;
      if (!(file instanceof File)) throw new AppError('invalid', 'Attach the file as the form field "file".', [{ path: 'file', message: 'required' }]);
      const info = await upload(c.get('deps'), actorOf(c), c.req.valid('param').id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      return c.json({ attachment: info }, 201);
    },
  )
  .get('/attachments/:id', authenticated(), valid('param', ThreadParam), async (c) => {
    return fileResponse(await download(c.get('deps'), actorOf(c), c.req.valid('param').id));
  })
  .get('/inbox', allow('navigator'), async (c) => c.json({ threads: await messaging.inbox(c.get('deps'), actorOf(c)) }))
  .post('/threads/:id/handover', allow('navigator'), valid('param', ThreadParam), valid('json', HandoverRequest), async (c) =>
    c.json(await messaging.handOver(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').navigatorId)),
  )
  .get('/threads/:id/handover-candidates', allow('navigator'), valid('param', ThreadParam), async (c) =>
    c.json({ navigators: await messaging.handoverCandidates(c.get('deps'), actorOf(c), c.req.valid('param').id) }),
  )
  .get('/threads/:id/templates', allow('navigator', 'specialist'), valid('param', ThreadParam), async (c) =>
    c.json(await messaging.replyTemplates(c.get('deps'), actorOf(c), c.req.valid('param').id)),
  );
