import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { AssignTaskRequest, CreateTaskRequest, EventRuleId, GoalsOfCareRequest, ListTasksQuery, ProgressionRequest, ServiceEntryRequest, SupportiveService, UpdateEventRuleRequest, UpdateTaskRequest } from '../contracts/tasks.ts';
import { getUser } from '../people/service.ts';
import type { Actor, AppEnv, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { goalsOfCare, progressions, recordProgression, saveGoalsOfCare } from './goals.ts';
import { forgetRules, rulesFor, upsertRule } from './rules.ts';
import { addService, listServices, removeService, servicesForPatient, updateService } from './services-directory.ts';
import * as tasks from './service.ts';

const IdParam = z.object({ id: Id });

/** The event rules belong to the organization's clinical lead (or an admin), like the clinical rules. */
async function assertClinicalLead(deps: Deps, actor: Actor) {
  if (actor.role === 'admin') return;
  if (!(await getUser(deps, actor.userId))?.isClinicalLead) throw new AppError('forbidden', 'Only a clinical lead or an admin may change this.');
}

export const taskRoutes = new Hono<AppEnv>()
  .get('/tasks', allow('navigator'), valid('query', ListTasksQuery), async (c) => c.json({ tasks: await tasks.listTasks(c.get('deps'), actorOf(c), c.req.valid('query')) }))
  .post('/tasks', allow('navigator'), valid('json', CreateTaskRequest), async (c) => c.json({ task: await tasks.createTask(c.get('deps'), actorOf(c), c.req.valid('json')) }, 201))
  .get('/tasks/measures', allow('navigator'), valid('query', z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }).strict()), async (c) =>
    c.json(await tasks.taskMeasures(c.get('deps'), actorOf(c), c.req.valid('query').days)),
  )
  .get('/tasks/rules', allow('navigator', 'admin'), async (c) => c.json({ rules: await rulesFor(c.get('deps').db, actorOf(c).orgId) }))
  .put('/tasks/rules/:ruleId', allow('navigator', 'admin'), valid('param', z.object({ ruleId: EventRuleId })), valid('json', UpdateEventRuleRequest), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    await assertClinicalLead(deps, actor);
    const { ruleId } = c.req.valid('param');
    const body = c.req.valid('json');
    await deps.db.transaction(async (tx) => {
      await upsertRule(tx, { orgId: actor.orgId, ruleId, enabled: body.enabled, due: body.due, params: body.params, note: body.note ?? null, updatedBy: actor.userId });
      await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'task_rule.set', targetType: 'task_rule', targetId: ruleId, outcome: 'success', requestId: actor.requestId, details: { enabled: body.enabled, amount: body.due.amount, unit: body.due.unit } }, tx);
    });
    forgetRules(actor.orgId);
    return c.json({ rules: await rulesFor(deps.db, actor.orgId) });
  })
  .get('/tasks/:id', allow('navigator', 'specialist'), valid('param', IdParam), async (c) => c.json(await tasks.getTask(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .patch('/tasks/:id', allow('navigator'), valid('param', IdParam), valid('json', UpdateTaskRequest), async (c) => c.json({ task: await tasks.updateTask(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }))
  .post('/tasks/:id/assign', allow('navigator'), valid('param', IdParam), valid('json', AssignTaskRequest), async (c) => c.json({ task: await tasks.assignTask(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }))
  .get('/patients/:id/tasks', allow('navigator', 'specialist'), valid('param', IdParam), async (c) => c.json({ tasks: await tasks.patientTasks(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  .get('/patients/:id/supportive-services', allow('navigator'), valid('param', IdParam), valid('query', z.object({ service: SupportiveService }).strict()), async (c) =>
    c.json({ services: await servicesForPatient(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('query').service) }),
  )
  .get('/patients/:id/goals-of-care', allow('patient', 'caregiver', 'navigator', 'specialist'), valid('param', IdParam), async (c) => c.json(await goalsOfCare(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/patients/:id/goals-of-care', allow('navigator'), valid('param', IdParam), valid('json', GoalsOfCareRequest), async (c) =>
    c.json(await saveGoalsOfCare(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .get('/patients/:id/progressions', allow('navigator', 'specialist'), valid('param', IdParam), async (c) => c.json({ progressions: await progressions(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  .post('/patients/:id/progressions', allow('navigator'), valid('param', IdParam), valid('json', ProgressionRequest), async (c) =>
    c.json(await recordProgression(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .get('/supportive-services', allow('navigator', 'specialist', 'admin'), valid('query', z.object({ siteId: Id.optional(), service: SupportiveService.optional() }).strict()), async (c) =>
    c.json({ services: await listServices(c.get('deps'), actorOf(c), c.req.valid('query')) }),
  )
  .post('/supportive-services', allow('navigator', 'admin'), valid('json', ServiceEntryRequest), async (c) => c.json({ id: await addService(c.get('deps'), actorOf(c), c.req.valid('json')) }, 201))
  .put('/supportive-services/:id', allow('navigator', 'admin'), valid('param', IdParam), valid('json', ServiceEntryRequest), async (c) => {
    await updateService(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true });
  })
  .delete('/supportive-services/:id', allow('navigator', 'admin'), valid('param', IdParam), async (c) => {
    await removeService(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.json({ ok: true });
  });
