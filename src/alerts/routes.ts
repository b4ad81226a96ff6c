import { Hono } from 'hono';
import { z } from 'zod';
import { ListAlertsQuery, OnCallShift, ReassignAlertRequest, ResolveAlertRequest, SnoozeAlertRequest } from '../contracts/alerts.ts';
import { UpdateLadderRequest } from '../contracts/checkins.ts';
import { Id } from '../contracts/common.ts';
import { getUser } from '../people/service.ts';
import type { Actor, AppEnv, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { publishRuleSet, ruleSetFor } from '../checkins/rules.ts';
import * as alerts from './service.ts';

const IdParam = z.object({ id: Id });

/** Clinical leads and admins own an organization's rules, ladder and rota. */
async function assertClinicalLead(deps: Deps, actor: Actor) {
  if (actor.role === 'admin') return;
  if (!(await getUser(deps, actor.userId))?.isClinicalLead) throw new AppError('forbidden', 'Only a clinical lead or an admin may change this.');
}

export const alertRoutes = new Hono<AppEnv>()
  .get('/alerts', allow('navigator'), valid('query', ListAlertsQuery), async (c) => c.json({ alerts: await alerts.listAlerts(c.get('deps'), actorOf(c), c.req.valid('query')) }))
  .get('/alerts/navigators', allow('navigator'), async (c) => c.json({ navigators: await alerts.orgNavigators(c.get('deps'), actorOf(c)) }))
  .get('/alerts/rota', allow('navigator', 'admin'), async (c) => c.json(await alerts.listRota(c.get('deps'), actorOf(c))))
  .post('/alerts/rota', allow('navigator', 'admin'), valid('json', OnCallShift), async (c) => {
    await assertClinicalLead(c.get('deps'), actorOf(c));
    return c.json(await alerts.addShift(c.get('deps'), actorOf(c), c.req.valid('json')), 201);
  })
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
  .get('/crisis-resources', allow('patient', 'caregiver'), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const me = await getUser(deps, actor.userId);
    return c.json(await alerts.crisisFor(deps, actor.orgId, me?.locale ?? 'en'));
  })
  .get('/clinical-rules', allow('navigator', 'admin'), async (c) => {
    const set = await ruleSetFor(c.get('deps').db, actorOf(c).orgId);
    return c.json({ id: set.id, orgId: set.orgId, version: set.version, note: set.note, createdBy: set.createdBy, createdAt: set.createdAt.toISOString(), rules: set.rules, ladder: set.ladder, sources: set.sources });
  })
  .put('/clinical-rules/ladder', allow('navigator', 'admin'), valid('json', UpdateLadderRequest), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    await assertClinicalLead(deps, actor);
    const { ladder, note } = c.req.valid('json');
    const set = await publishRuleSet(deps.db, actor.orgId, { ladder }, actor.userId, note);
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'clinical_rules.publish', targetType: 'clinical_rule_set', targetId: set.id, outcome: 'success', requestId: actor.requestId, details: { version: set.version } });
    return c.json({ id: set.id, version: set.version });
  });
