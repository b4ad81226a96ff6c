import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { AddDocumentRequest, EditDocumentRequest } from '../contracts/records.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as records from './service.ts';

const IdParam = z.object({ id: Id });
const DocumentParam = z.object({ id: Id, documentId: Id });

export const recordRoutes = new Hono<AppEnv>()
  // The care team reads the list on the patient page (the files themselves come through the audited attachment download).
  .get('/patients/:id/records', allow('patient', 'caregiver', 'navigator'), valid('param', IdParam), async (c) => c.json(await records.listRecords(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/patients/:id/records', allow('patient', 'caregiver'), valid('param', IdParam), valid('json', AddDocumentRequest), async (c) =>
    c.json({ id: await records.addRecord(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  .patch('/patients/:id/records/:documentId', allow('patient', 'caregiver'), valid('param', DocumentParam), valid('json', EditDocumentRequest), async (c) => {
    const { id, documentId } = c.req.valid('param');
    await records.editRecord(c.get('deps'), actorOf(c), id, documentId, c.req.valid('json'));
    return c.body(null, 204);
  })
  .delete('/patients/:id/records/:documentId', allow('patient', 'caregiver'), valid('param', DocumentParam), async (c) => {
    const { id, documentId } = c.req.valid('param');
    await records.deleteRecord(c.get('deps'), actorOf(c), id, documentId);
    return c.body(null, 204);
  });
