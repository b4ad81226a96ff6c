import { Hono } from 'hono';
import { z } from 'zod';
import { InstrumentId, ScheduleRequest, SubmitCheckinRequest } from '../contracts/checkins.ts';
import { Id } from '../contracts/common.ts';
import type { AppEnv } from '../platform/context.ts';
import { idempotent } from '../platform/idempotency.ts';
import { actorOf, allow, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { HUI_CHECKLIST, measures, palliativePrompts, tickChecklist } from './insights.ts';
import * as checkins from './service.ts';

const IdParam = z.object({ id: Id });

export const checkinRoutes = new Hono<AppEnv>()
  .post('/checkins', allow('patient', 'caregiver', 'navigator', 'specialist'), idempotent(), valid('json', SubmitCheckinRequest), async (c) =>
    c.json(await checkins.submitCheckin(c.get('deps'), actorOf(c), c.req.valid('json')), 201),
  )
  .get('/checkins/home', allow('patient', 'caregiver'), valid('query', z.object({ patientId: Id.optional() }).strict()), async (c) => {
    const actor = actorOf(c);
    return c.json(await checkins.checkinHome(c.get('deps'), actor, c.req.valid('query').patientId ?? actor.userId));
  })
  .get('/checkins/measures', allow('navigator'), valid('query', z.object({ days: z.coerce.number().int().min(7).max(365).default(90) }).strict()), async (c) =>
    c.json(await measures(c.get('deps'), actorOf(c), c.req.valid('query').days)),
  )
  .get('/patients/:id/checkins', authenticated(), valid('param', IdParam), valid('query', z.object({ instrument: InstrumentId.optional(), days: z.coerce.number().int().min(1).max(730).default(180) }).strict()), async (c) => {
    const { instrument, days } = c.req.valid('query');
    return c.json({ checkins: await checkins.patientHistory(c.get('deps'), actorOf(c), c.req.valid('param').id, instrument, days) });
  })
  .get('/patients/:id/checkin-schedule', authenticated(), valid('param', IdParam), async (c) => c.json({ schedule: await checkins.getScheduleFor(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  .put('/patients/:id/checkin-schedule', allow('navigator'), valid('param', IdParam), valid('json', ScheduleRequest), async (c) =>
    c.json({ schedule: await checkins.setSchedule(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .get('/patients/:id/palliative', allow('navigator', 'specialist'), valid('param', IdParam), async (c) => c.json(await palliativePrompts(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .put('/patients/:id/palliative/:criterion', allow('navigator'), valid('param', z.object({ id: Id, criterion: z.enum(HUI_CHECKLIST) })), valid('json', z.object({ checked: z.boolean() }).strict()), async (c) => {
    const { id, criterion } = c.req.valid('param');
    await tickChecklist(c.get('deps'), actorOf(c), id, criterion, c.req.valid('json').checked);
    return c.body(null, 204);
  });
