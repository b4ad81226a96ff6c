import { randomUUID } from 'node:crypto';
import type { GoalsOfCareRequest } from '../contracts/tasks.ts';
import { assertPatientAccess, auditPhi, getUsers } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { planGoalsReview, taskEventsForProgression } from './events.ts';
import * as repo from './repo.ts';

type GoalsRow = Awaited<ReturnType<typeof repo.goalsHistory>>[number];

const view = (g: GoalsRow, names: Map<string, string>) => ({
  id: g.id,
  version: g.version,
  whatMatters: g.whatMatters,
  worries: g.worries,
  preferredPlace: g.preferredPlace,
  decisionMaker: g.decisionMaker,
  documents: g.documents,
  language: g.language,
  recordedBy: names.get(g.recordedBy) ?? null,
  createdAt: g.createdAt.toISOString(),
});

/**
 * Goals of care and advance care planning (issue 17 item 4): every save is a new version, none is
 * overwritten. The care team and the patient read it (a caregiver with the records scope too).
 */
export async function goalsOfCare(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'records');
  const rows = await repo.goalsHistory(deps.db, patientId);
  const names = new Map((await getUsers(deps, [...new Set(rows.map((r) => r.recordedBy))])).map((u) => [u.id, u.name]));
  await auditPhi(deps, actor, { action: 'goals_of_care.read', patientId, targetType: 'goals_of_care', access, details: { versions: rows.length } });
  return { current: rows[0] ? view(rows[0], names) : null, history: rows.map((r) => view(r, names)) };
}

/** A navigator records the conversation held with the patient, as the next version; the periodic review is planned from it. */
export async function saveGoalsOfCare(deps: Deps, actor: Actor, patientId: string, input: GoalsOfCareRequest) {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  const saved = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const row = await repo.insertGoals(db, { id: randomUUID(), patientId, whatMatters: input.whatMatters, worries: input.worries, preferredPlace: input.preferredPlace, decisionMaker: input.decisionMaker, documents: input.documents, language: input.language, recordedBy: actor.userId });
    await auditPhi(deps, actor, { action: 'goals_of_care.write', patientId, targetType: 'goals_of_care', targetId: row.id, access, details: { version: row.version } }, db);
    return row;
  });
  await planGoalsReview(deps, actor.orgId, saved.id, saved.createdAt);
  return { id: saved.id, version: saved.version };
}

/** "Disease progression recorded": a navigator's entry that fires the palliative and goals-of-care rules. */
export async function recordProgression(deps: Deps, actor: Actor, patientId: string, input: { occurredOn: string; note: string }) {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertProgression(tx, { id, patientId, occurredOn: input.occurredOn, note: input.note, recordedBy: actor.userId });
    await auditPhi(deps, actor, { action: 'progression.record', patientId, targetType: 'disease_progression', targetId: id, access }, tx);
  });
  await taskEventsForProgression(deps, id);
  return { id };
}

export async function progressions(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  const rows = await repo.progressionsOf(deps.db, patientId);
  await auditPhi(deps, actor, { action: 'progression.read', patientId, targetType: 'disease_progression', access, details: { count: rows.length } });
  return rows.map((r) => ({ id: r.id, occurredOn: r.occurredOn, note: r.note, recordedAt: r.recordedAt.toISOString() }));
}
