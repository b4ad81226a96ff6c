import { eq } from 'drizzle-orm';
import { EVENT_RULE_IDS, type DueSpec, type EventRuleId, type RuleParams } from '../contracts/tasks.ts';
import type { Db } from '../platform/db/client.ts';
import { taskEventRules } from './tables.ts';

export interface EventRule {
  id: EventRuleId;
  enabled: boolean;
  due: DueSpec;
  params: RuleParams;
  source: string;
}

/**
 * The product's defaults for the event rules (issue 17 item 2). An organization's clinical lead
 * overrides any of them (task_event_rules); each names the published source it follows.
 */
export const DEFAULT_RULES: Readonly<Record<EventRuleId, EventRule>> = {
  dt_problem_service: {
    id: 'dt_problem_service',
    enabled: true,
    due: { amount: 5, unit: 'working_days' },
    params: { minScore: 4, routes: { physical: 'rehabilitation', practical: 'social_work', family_social: 'social_work', emotional: 'psycho_oncology', spiritual: 'chaplaincy' } },
    source: 'NCCN Distress Management guideline: DT >= 4 is clinically significant; refer by the problem categories ticked',
  },
  referral_far_travel: {
    id: 'referral_far_travel',
    enabled: true,
    // Due this many working days before the visit, or after the acceptance while no visit is booked.
    due: { amount: 3, unit: 'working_days' },
    params: { thresholdMinutes: 90 },
    source: 'Organization policy: travel and lodging are arranged for a reference-centre visit more than 90 minutes from the patient\'s site',
  },
  appointment_interpreter: {
    id: 'appointment_interpreter',
    enabled: true,
    due: { amount: 2, unit: 'working_days' },
    params: {},
    source: 'Title VI / NHS guidance on interpreting: a professional interpreter is booked ahead of every visit that needs one',
  },
  checkin_missed_follow_up: {
    id: 'checkin_missed_follow_up',
    enabled: true,
    due: { amount: 1, unit: 'working_days' },
    params: {},
    source: 'CLINICAL.md check-in schedule: a navigator task after 72 h without an answer (Basch et al., PRO-TECT)',
  },
  palliative_trigger: {
    id: 'palliative_trigger',
    enabled: true,
    due: { amount: 14, unit: 'days' },
    params: {},
    source: 'Hui D, et al. Lancet Oncol 2016 (major criteria for outpatient palliative referral); Temel JS, et al. NEJM 2010',
  },
  goals_review: {
    id: 'goals_review',
    enabled: true,
    due: { amount: 10, unit: 'working_days' },
    params: { intervalMonths: 3 },
    source: 'ASCO/NCCN advance care planning: revisit goals of care at progression, at palliative referral and periodically',
  },
};

/** Every rule as the organization has it: its override where one exists, else the default. */
export async function rulesFor(db: Db, orgId: string): Promise<Array<EventRule & { setBy: string | null; setAt: string | null; note: string | null }>> {
  const rows = new Map((await db.select().from(taskEventRules).where(eq(taskEventRules.orgId, orgId))).map((r) => [r.ruleId, r]));
  return EVENT_RULE_IDS.map((id) => {
    const o = rows.get(id);
    return o ? { ...merge(DEFAULT_RULES[id], o), setBy: o.updatedBy, setAt: o.updatedAt.toISOString(), note: o.note } : { ...DEFAULT_RULES[id], setBy: null, setAt: null, note: null };
  });
}

const merge = (base: EventRule, o: typeof taskEventRules.$inferSelect): EventRule => ({ ...base, enabled: o.enabled, due: o.due, params: { ...base.params, ...o.params } });

/**
 * An organization's overrides are read by every event (each check-in's task rules); they change rarely.
 * Kept per process for CACHE_MS, as the clinical rule sets are (decision 0200): a change in this process
 * is seen at once (`forgetRules` after its commit), in another within CACHE_MS.
 */
const CACHE_MS = 2000;
const cache = new Map<string, { at: number; rows: Map<string, typeof taskEventRules.$inferSelect> }>();

async function overrides(db: Db, orgId: string) {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.rows;
  const at = Date.now();
  const rows = new Map((await db.select().from(taskEventRules).where(eq(taskEventRules.orgId, orgId))).map((r) => [r.ruleId, r]));
  cache.set(orgId, { at, rows });
  return rows;
}

export const forgetRules = (orgId: string) => cache.delete(orgId);

export async function ruleFor(db: Db, orgId: string, id: EventRuleId): Promise<EventRule> {
  const o = (await overrides(db, orgId)).get(id);
  return o ? merge(DEFAULT_RULES[id], o) : DEFAULT_RULES[id];
}

export async function upsertRule(db: Db, row: typeof taskEventRules.$inferInsert) {
  await db
    .insert(taskEventRules)
    .values(row)
    .onConflictDoUpdate({ target: [taskEventRules.orgId, taskEventRules.ruleId], set: { enabled: row.enabled, due: row.due, params: row.params, note: row.note ?? null, updatedBy: row.updatedBy, updatedAt: new Date() } });
}
