import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { AddCareTeamMemberRequest, BreakGlassRequest, GrantCaregiverRequest, ReassignNavigatorRequest } from '../contracts/people.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as people from './service.ts';

const PatientParam = z.object({ id: Id });

export const peopleRoutes = new Hono<AppEnv>()
  .get('/caseload', allow('navigator', 'specialist'), async (c) => c.json({ patients: await people.caseload(c.get('deps'), actorOf(c)) }))
  .get('/caregiver/patients', allow('caregiver'), async (c) => c.json({ patients: await people.caregiverPatients(c.get('deps'), actorOf(c)) }))
  .get('/patients/:id', authenticated(), valid('param', PatientParam), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const access = await people.assertPatientAccess(deps, actor, id, 'profile');
    const user = await people.getUser(deps, id);
    const [careTeam, caregivers] = await Promise.all([people.careTeam(deps, id), people.caregivers(deps, id)]);
    await people.auditPhi(deps, actor, { action: 'patient.read', patientId: id, targetType: 'patient', access });
    return c.json({ id, name: user?.name ?? '', locale: user?.locale ?? 'en', timezone: user?.timezone ?? 'UTC', careTeam, caregivers: caregivers.map(({ caregiverId, name, scopes }) => ({ id: caregiverId, name, scopes })) });
  })
  .post('/patients/:id/care-team', allow('navigator', 'admin'), valid('param', PatientParam), valid('json', AddCareTeamMemberRequest), async (c) => {
    await people.addCareTeamMember(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  })
  .delete('/patients/:id/care-team/:userId', allow('navigator', 'admin'), valid('param', z.object({ id: Id, userId: Id })), async (c) => {
    const { id, userId } = c.req.valid('param');
    await people.removeCareTeamMember(c.get('deps'), actorOf(c), id, userId);
    return c.body(null, 204);
  })
  .put('/patients/:id/navigator', allow('navigator', 'admin'), valid('param', PatientParam), valid('json', ReassignNavigatorRequest), async (c) =>
    c.json(await people.reassignNavigator(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').navigatorId)),
  )
  .post('/patients/:id/break-glass', allow('navigator', 'specialist'), valid('param', PatientParam), valid('json', BreakGlassRequest), async (c) => {
    const { reason, minutes } = c.req.valid('json');
    return c.json(await people.breakGlass(c.get('deps'), actorOf(c), c.req.valid('param').id, reason, minutes), 201);
  })
  .get('/me/caregivers', allow('patient'), async (c) => {
    const rows = await people.caregivers(c.get('deps'), actorOf(c).userId);
    return c.json({ caregivers: rows.map(({ caregiverId, name, scopes }) => ({ id: caregiverId, name, scopes })) });
  })
  .put('/me/caregivers', allow('patient'), valid('json', GrantCaregiverRequest), async (c) => {
    const { scopes, ...who } = c.req.valid('json');
    await people.grantCaregiver(c.get('deps'), actorOf(c), who, scopes);
    return c.body(null, 204);
  })
  .delete('/me/caregivers/:caregiverId', allow('patient'), valid('param', z.object({ caregiverId: Id })), async (c) => {
    await people.revokeCaregiver(c.get('deps'), actorOf(c), c.req.valid('param').caregiverId);
    return c.body(null, 204);
  })
  .get('/admin/users', allow('admin'), async (c) => c.json({ users: await people.orgUsers(c.get('deps'), actorOf(c)) }))
  .put('/admin/users/:id/disabled', allow('admin'), valid('param', PatientParam), valid('json', z.object({ disabled: z.boolean() }).strict()), async (c) => {
    await people.setDisabled(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').disabled);
    return c.body(null, 204);
  })
  .get('/admin/audit/verify', allow('admin'), async (c) => c.json(await c.get('deps').audit.verify()));
