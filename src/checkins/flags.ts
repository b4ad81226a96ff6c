import { onSystemicTherapyByPlan } from '../appointments/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import { assertPatientAccess, auditPhi } from '../people/service.ts';
import type { PatientContext } from './rules.ts';
import * as repo from './repo.ts';

/**
 * What conditional rules know about a patient: on systemic therapy when the navigator set the flag or a
 * chemotherapy item of the treatment plan covers now (decision 0204).
 */
export async function patientContext(deps: Deps, patientId: string, at = new Date(), db: Db = deps.db): Promise<PatientContext> {
  const flag = (await repo.clinicalFlags(db, patientId))?.onSystemicTherapy ?? false;
  return { on_systemic_therapy: flag || (await onSystemicTherapyByPlan(deps, patientId, at)) };
}

export async function getClinicalFlags(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const row = await repo.clinicalFlags(deps.db, patientId);
  const byPlan = await onSystemicTherapyByPlan(deps, patientId);
  await auditPhi(deps, actor, { action: 'clinical_flags.read', patientId, targetType: 'clinical_flags', access });
  return { onSystemicTherapy: row?.onSystemicTherapy ?? false, onSystemicTherapyByPlan: byPlan, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
}

export async function setClinicalFlags(deps: Deps, actor: Actor, patientId: string, input: { onSystemicTherapy: boolean }) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  await deps.db.transaction(async (tx) => {
    await repo.setClinicalFlags(tx as unknown as Db, { patientId, onSystemicTherapy: input.onSystemicTherapy, updatedBy: actor.userId });
    await auditPhi(deps, actor, { action: 'clinical_flags.set', patientId, targetType: 'clinical_flags', access, details: { onSystemicTherapy: input.onSystemicTherapy } }, tx as unknown as Db);
  });
  return getClinicalFlags(deps, actor, patientId);
}
