import type { z } from 'zod';
import type { PreviewRulesRequest, RuleDraft } from '../contracts/rules.ts';
import { assertClinicalLead, getUsers } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { patientContext } from './flags.ts';
import { burden, type ReplayCheckin } from './preview.ts';
import * as repo from './repo.ts';
import { crisisData, publishRuleSet, ruleSetFor, ruleSetVersions, type PatientContext, type RuleSet } from './rules.ts';

/** One version as the editor shows it: the whole draft plus who, when, why and on what source. */
async function versionView(deps: Deps, set: RuleSet) {
  const [author] = await getUsers(deps, /^[0-9a-f-]{36}$/.test(set.createdBy) ? [set.createdBy] : []);
  return {
    id: set.id,
    version: set.version,
    isDefault: set.orgId === null,
    note: set.note,
    changeSource: set.changeSource,
    createdBy: set.createdBy,
    createdByName: author?.name ?? null,
    createdAt: set.createdAt.toISOString(),
    draft: { rules: set.rules, ladder: set.ladder, crisis: crisisData(set), sources: set.sources } satisfies RuleDraft,
  };
}

export async function currentRules(deps: Deps, actor: Actor) {
  return versionView(deps, await ruleSetFor(deps.db, actor.orgId));
}

export async function rulesHistory(deps: Deps, actor: Actor) {
  const versions = await ruleSetVersions(deps.db, actor.orgId);
  return Promise.all(versions.map((v) => versionView(deps, v)));
}

async function record(deps: Deps, actor: Actor, set: RuleSet, action: string, details: Record<string, string | number>) {
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action, targetType: 'clinical_rule_set', targetId: set.id, outcome: 'success', requestId: actor.requestId, details: { version: set.version, ...details } });
}

/** Publishes a draft as the organization's next version (clinical lead or admin), with why and on what source. */
export async function publishRules(deps: Deps, actor: Actor, input: { draft: RuleDraft; note: string; changeSource: string }) {
  await assertClinicalLead(deps, actor);
  const set = await publishRuleSet(deps.db, actor.orgId, input.draft, actor.userId, input.note, input.changeSource);
  await record(deps, actor, set, 'clinical_rules.publish', {});
  return versionView(deps, set);
}

/** Restoring a version publishes a copy of it as the next version: history only ever grows. */
export async function restoreRules(deps: Deps, actor: Actor, version: number, note: string) {
  await assertClinicalLead(deps, actor);
  const old = (await ruleSetVersions(deps.db, actor.orgId)).find((v) => v.version === version);
  if (!old) throw new AppError('not_found');
  const set = await publishRuleSet(deps.db, actor.orgId, { rules: old.rules, ladder: old.ladder, crisis: crisisData(old), sources: old.sources }, actor.userId, note, `Restored version ${version}${old.changeSource ? ` (${old.changeSource})` : ''}`);
  await record(deps, actor, set, 'clinical_rules.restore', { restored: version });
  return versionView(deps, set);
}

/**
 * Replays the organization's check-ins of the last `days` days under the draft and under the rules in
 * force, and returns both burdens with the patients concerned (names for the clinical lead's screen).
 */
export async function previewRules(deps: Deps, actor: Actor, input: z.output<typeof PreviewRulesRequest>) {
  await assertClinicalLead(deps, actor);
  const now = new Date();
  const since = new Date(now.getTime() - input.days * 86_400_000);
  const history: ReplayCheckin[] = await repo.orgCheckinsSince(deps.db, actor.orgId, since);
  const inHistory = new Map(history.map((c) => [c.id, c.scores]));
  const missing = [...new Set(history.map((c) => c.scores.previousId).filter((id): id is string => Boolean(id) && !inHistory.has(id!)))];
  for (const row of await repo.checkinScoresByIds(deps.db, missing)) inHistory.set(row.id, row.scores);
  const contexts = new Map<string, PatientContext>();
  for (const patientId of new Set(history.map((c) => c.patientId))) contexts.set(patientId, await patientContext(deps, patientId, now));
  const current = await ruleSetFor(deps.db, actor.orgId);
  const before = burden(current.rules, history, inHistory, contexts);
  const after = burden(input.draft.rules, history, inHistory, contexts);
  const names = new Map((await getUsers(deps, [...contexts.keys()])).map((u) => [u.id, u.name]));
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'clinical_rules.preview', targetType: 'clinical_rule_set', targetId: current.id, outcome: 'success', requestId: actor.requestId, details: { days: input.days, checkins: history.length, patients: contexts.size } });
  return { days: input.days, since: since.toISOString(), currentVersion: current.version, current: before, draft: after, patients: [...names].map(([id, name]) => ({ id, name })) };
}
