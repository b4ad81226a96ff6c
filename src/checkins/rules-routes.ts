import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { ClinicalFlagsRequest, PreviewRulesRequest, PublishRulesRequest, RestoreRulesRequest, UpdateLadderRequest } from '../contracts/rules.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { getClinicalFlags, setClinicalFlags } from './flags.ts';
import { currentRules, previewRules, publishRules, restoreRules, rulesHistory } from './rules-editor.ts';

/** The clinical rules editor (clinical lead; navigators read) and the per-patient flags the rules use. */
export const clinicalRuleRoutes = new Hono<AppEnv>()
  .get('/clinical-rules', allow('navigator', 'admin'), async (c) => c.json(await currentRules(c.get('deps'), actorOf(c))))
  .get('/clinical-rules/versions', allow('navigator', 'admin'), async (c) => c.json({ versions: await rulesHistory(c.get('deps'), actorOf(c)) }))
  .put('/clinical-rules', allow('navigator', 'admin'), valid('json', PublishRulesRequest), async (c) => c.json(await publishRules(c.get('deps'), actorOf(c), c.req.valid('json'))))
  .put('/clinical-rules/ladder', allow('navigator', 'admin'), valid('json', UpdateLadderRequest), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const { ladder, note, changeSource } = c.req.valid('json');
    const { draft } = await currentRules(deps, actor);
    return c.json(await publishRules(deps, actor, { draft: { ...draft, ladder }, note, changeSource: changeSource ?? 'CLINICAL.md ladder' }));
  })
  .post('/clinical-rules/versions/:version/restore', allow('navigator', 'admin'), valid('param', z.object({ version: z.coerce.number().int().min(1) })), valid('json', RestoreRulesRequest), async (c) =>
    c.json(await restoreRules(c.get('deps'), actorOf(c), c.req.valid('param').version, c.req.valid('json').note)),
  )
  .post('/clinical-rules/preview', allow('navigator', 'admin'), valid('json', PreviewRulesRequest), async (c) => c.json(await previewRules(c.get('deps'), actorOf(c), c.req.valid('json'))))
  .get('/patients/:id/clinical-flags', allow('navigator', 'specialist'), valid('param', z.object({ id: Id })), async (c) => c.json(await getClinicalFlags(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .put('/patients/:id/clinical-flags', allow('navigator'), valid('param', z.object({ id: Id })), valid('json', ClinicalFlagsRequest), async (c) =>
    c.json(await setClinicalFlags(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
  );
