import type { Actor, Deps } from '../platform/context.ts';
import { assertPatientAccess, auditPhi, caseload, getUser } from '../people/service.ts';
import { alertBurden, alertsSince } from '../alerts/service.ts';
import { weekStart } from '../platform/time.ts';
import * as repo from './repo.ts';

/** Hui et al. 2016 major criteria. Those with data in the product are computed; the rest are a checklist. */
export const HUI_COMPUTED = ['severe_physical', 'severe_emotional', 'spiritual_crisis'] as const;
export const HUI_CHECKLIST = [
  'hastened_death',
  'decision_help',
  'asks_referral',
  'delirium',
  'spinal_cord_compression',
  'brain_metastases',
  'advanced_diagnosis_3_months',
  'progression_second_line',
] as const;
export type HuiChecklistCriterion = (typeof HUI_CHECKLIST)[number];

const PHYSICAL = ['pain', 'tiredness', 'drowsiness', 'nausea', 'appetite', 'shortness_of_breath'];
const EMOTIONAL = ['depression', 'anxiety'];

/** The Hui criteria the product computes from a patient's latest reports (no access check, no audit). */
async function computedCriteria(deps: Deps, patientId: string) {
  const latest = await repo.latestPerInstrument(deps.db, patientId);
  const by = new Map(latest.map((c) => [c.instrument, c]));
  const esas = by.get('esas-r');
  const phq = by.get('phq-9');
  const dt = by.get('distress-thermometer');
  const physical = esas ? PHYSICAL.filter((i) => (esas.scores.items[i] ?? 0) >= 7) : [];
  const emotional = esas ? EMOTIONAL.filter((i) => (esas.scores.items[i] ?? 0) >= 7) : [];
  return [
    { criterion: 'severe_physical', met: physical.length > 0, evidence: esas ? { instrument: 'esas-r', at: esas.submittedAt.toISOString(), items: physical } : null },
    {
      criterion: 'severe_emotional',
      met: emotional.length > 0 || (phq?.scores.total ?? 0) >= 20,
      evidence: esas || phq ? { instrument: emotional.length || !phq ? 'esas-r' : 'phq-9', at: (emotional.length || !phq ? esas! : phq).submittedAt.toISOString(), items: emotional } : null,
    },
    { criterion: 'spiritual_crisis', met: Boolean(dt?.scores.problemCategories?.includes('spiritual')), evidence: dt ? { instrument: 'distress-thermometer', at: dt.submittedAt.toISOString(), items: [] } : null },
  ];
}

/** The computed Hui major criteria met now, for event rules run by the system (tasks: palliative evaluation). */
export async function huiCriteriaMet(deps: Deps, patientId: string): Promise<string[]> {
  return (await computedCriteria(deps, patientId)).filter((c) => c.met).map((c) => c.criterion);
}

export async function palliativePrompts(deps: Deps, actor: Actor, patientId: string) {
  const access = await assertPatientAccess(deps, actor, patientId, 'checkins');
  const computed = await computedCriteria(deps, patientId);
  const ticked = new Map((await repo.checklist(deps.db, patientId)).map((r) => [r.criterion, r]));
  const checklist = HUI_CHECKLIST.map((criterion) => ({ criterion, checked: ticked.get(criterion)?.checked ?? false, updatedAt: ticked.get(criterion)?.updatedAt.toISOString() ?? null }));
  await auditPhi(deps, actor, { action: 'palliative.read', patientId, targetType: 'palliative_prompts', access });
  return { prompt: computed.some((c) => c.met) || checklist.some((c) => c.checked), computed, checklist, source: 'hui2016' };
}

export async function tickChecklist(deps: Deps, actor: Actor, patientId: string, criterion: HuiChecklistCriterion, checked: boolean) {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  await deps.db.transaction(async (tx) => {
    await repo.setChecklist(tx as never, { patientId, criterion, checked, updatedBy: actor.userId });
    await auditPhi(deps, actor, { action: 'palliative.tick', patientId, targetType: 'palliative_checklist', targetId: criterion, access, details: { checked } }, tx as never);
  });
}

/** CLINICAL.md measures for the navigator's caseload over a window (src/alerts/measures.ts), with a weekly series for charts. */
export async function measures(deps: Deps, actor: Actor, days: number) {
  const patients = (await caseload(deps, actor)).map((p) => p.id);
  const now = new Date();
  const since = new Date(now.getTime() - days * 86_400_000);
  const requests = await repo.requestsDueBetween(deps.db, patients, since, now);
  const checkins = await repo.checkinsBetween(deps.db, patients, since);
  const rows = await alertsSince(deps, patients, since);
  const weeks = new Map<string, { week: string; checkins: number; alerts: number; suppressed: number; ackInTime: number; acked: number }>();
  // Weeks of the navigator's calendar (Monday first), in their time zone.
  const tz = (await getUser(deps, actor.userId))?.timezone ?? 'UTC';
  const bucket = (d: Date) => {
    const k = weekStart(d, tz);
    let w = weeks.get(k);
    if (!w) weeks.set(k, (w = { week: k, checkins: 0, alerts: 0, suppressed: 0, ackInTime: 0, acked: 0 }));
    return w;
  };
  for (const c of checkins) bucket(c.submittedAt).checkins++;
  for (const x of rows) {
    const w = bucket(x.createdAt);
    if (x.status === 'suppressed') {
      w.suppressed++;
      continue;
    }
    w.alerts++;
    if (x.acknowledgedAt) {
      w.acked++;
      if (x.acknowledgedAt <= x.dueAt) w.ackInTime++;
    }
  }
  const completed = requests.filter((r) => r.completedAt).length;
  return {
    days,
    patients: patients.length,
    checkins: checkins.length,
    requests: requests.length,
    missed: requests.filter((r) => !r.completedAt && r.dueAt.getTime() < now.getTime() - 24 * 3_600_000).length,
    completionRate: requests.length ? completed / requests.length : null,
    ...alertBurden(rows, checkins.length, now),
    weekly: [...weeks.values()].sort((x, y) => x.week.localeCompare(y.week)),
  };
}
