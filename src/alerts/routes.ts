import { Hono } from 'hono';
import { z } from 'zod';
import { AcknowledgeModerateRequest, ListAlertsQuery, OnCallShift, ReassignAlertRequest, ResolveAlertRequest, SnoozeAlertRequest } from '../contracts/alerts.ts';
import { Id } from '../contracts/common.ts';
import { assertClinicalLead, assertPatientAccess, getUser } from '../people/service.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as alerts from './service.ts';

const IdParam = z.object({ id: Id });

export const alertRoutes = new Hono<AppEnv>()
  .get('/alerts', allow('navigator'), valid('query', ListAlertsQuery), async (c) => c.json({ alerts: await alerts.listAlerts(c.get('deps'), actorOf(c), c.req.valid('query')) }))
  .get('/alerts/navigators', allow('navigator'), async (c) => c.json({ navigators: await alerts.orgNavigators(c.get('deps'), actorOf(c)) }))
  .get('/alerts/rota', allow('navigator', 'admin'), async (c) => c.json(await alerts.listRota(c.get('deps'), actorOf(c))))
  .post('/alerts/rota', allow('navigator', 'admin'), valid('json', OnCallShift), async (c) => {
    await assertClinicalLead(c.get('deps'), actorOf(c));
    return c.json(await alerts.addShift(c.get('deps'), actorOf(c), c.req.valid('json')), 201);
  })
  .post('/alerts/acknowledge-moderate', allow('navigator'), valid('json', AcknowledgeModerateRequest), async (c) =>
    c.json(await alerts.acknowledgeModerate(c.get('deps'), actorOf(c), c.req.valid('json').ids)),
  )
  .get('/alerts/:id', allow('navigator'), valid('param', IdParam), async (c) => c.json(await alerts.getAlert(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/alerts/:id/acknowledge', allow('navigator'), valid('param', IdParam), async (c) => c.json({ alert: await alerts.acknowledgeAlert(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  .post('/alerts/:id/resolve', allow('navigator'), valid('param', IdParam), valid('json', ResolveAlertRequest), async (c) =>
    c.json({ alert: await alerts.resolveAlert(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .post('/alerts/:id/snooze', allow('navigator'), valid('param', IdParam), valid('json', SnoozeAlertRequest), async (c) =>
    c.json({ alert: await alerts.snoozeAlert(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .post('/alerts/:id/reassign', allow('navigator'), valid('param', IdParam), valid('json', ReassignAlertRequest), async (c) =>
    c.json({ alert: await alerts.reassignAlert(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').userId) }),
  )
  .get('/crisis-resources', allow('patient', 'caregiver'), valid('query', z.object({ patientId: Id.optional() }).strict()), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const me = await getUser(deps, actor.userId);
    // A caregiver sees the resources of the patient they act for, when they name one they may act for.
    const patientId = c.req.valid('query').patientId;
    if (patientId && patientId !== actor.userId) await assertPatientAccess(deps, actor, patientId, 'checkins');
    return c.json(await alerts.crisisForPatient(deps, patientId ?? actor.userId, me?.locale ?? 'en'));
  });
