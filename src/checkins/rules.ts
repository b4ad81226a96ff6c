import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AlertReason } from '../contracts/alerts.ts';
import { SEVERITY_RANK } from '../contracts/alerts.ts';
import type { CheckinScores, CrisisResources, InstrumentId, Ladder, RuleDefinition, RuleSource } from '../contracts/checkins.ts';
import { DT_PROBLEMS, INSTRUMENTS } from '../contracts/checkins.ts';
import type { Db } from '../platform/db/client.ts';
import { clinicalRuleSets } from './tables.ts';

/**
 * The product's default clinical rules (CLINICAL.md). They are data: stored as version 1 of the default
 * rule set (org_id null) and copied into an organization's own versioned rule set when its clinical lead
 * changes anything. Handlers never hold thresholds; they evaluate whatever rule set is in force.
 */
export const SOURCES: RuleSource[] = [
  { id: 'selby2010', citation: 'Selby D, et al. A single set of numerical cutpoints to define moderate and severe symptoms for the ESAS. J Pain Symptom Manage 2010' },
  { id: 'nccn-dt', citation: 'NCCN Clinical Practice Guidelines: Distress Management (Distress Thermometer >= 4)' },
  { id: 'kroenke2001', citation: 'Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001 (bands; item 9, LOINC 44260-8)' },
  { id: 'basch2016', citation: 'Basch E, et al. JCO 2016; JAMA 2017 (STAR: alerts on severe or worsening symptoms)' },
  { id: 'basch-protect', citation: 'Basch E, et al. PRO-TECT 2022-2025 (alert thresholds; action within 72 h)' },
  { id: 'ecog', citation: 'Oken MM, et al. ECOG performance status. Am J Clin Oncol 1982' },
  { id: 'hui2016', citation: 'Hui D, et al. Referral criteria for outpatient palliative cancer care. Lancet Oncol 2016' },
  { id: 'wayfinder-ladder', citation: 'Wayfinder defaults from CLINICAL.md (urgent 15 min; high 4 working hours; moderate 2 working days)' },
];

export const DEFAULT_RULES: RuleDefinition[] = [
  { id: 'esas.urgent', instrument: 'esas-r', kind: 'item_range', items: ['pain', 'shortness_of_breath'], min: 10, severity: 'urgent', reason: 'reason.itemUrgent', source: 'selby2010', snoozable: false },
  { id: 'esas.severe', instrument: 'esas-r', kind: 'item_range', items: 'all', min: 7, severity: 'high', reason: 'reason.itemSevere', source: 'selby2010', snoozable: true },
  { id: 'esas.moderate', instrument: 'esas-r', kind: 'item_range', items: 'all', min: 4, max: 6, severity: 'moderate', reason: 'reason.itemModerate', source: 'selby2010', snoozable: true },
  { id: 'esas.worsening', instrument: 'esas-r', kind: 'worsening', items: 'all', rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch2016', snoozable: true },
  { id: 'dt.severe', instrument: 'distress-thermometer', kind: 'item_range', items: ['score'], min: 7, severity: 'high', reason: 'reason.distressSevere', source: 'nccn-dt', snoozable: true },
  { id: 'dt.significant', instrument: 'distress-thermometer', kind: 'item_range', items: ['score'], min: 4, max: 6, severity: 'moderate', reason: 'reason.distressSignificant', source: 'nccn-dt', snoozable: true },
  { id: 'dt.worsening', instrument: 'distress-thermometer', kind: 'worsening', items: ['score'], rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch2016', snoozable: true },
  { id: 'phq9.selfharm', instrument: 'phq-9', kind: 'item_range', items: ['item9'], min: 1, severity: 'urgent', reason: 'reason.selfHarm', source: 'kroenke2001', snoozable: false },
  { id: 'phq9.total', instrument: 'phq-9', kind: 'total_range', min: 10, severity: 'moderate', reason: 'reason.phqTotal', source: 'kroenke2001', snoozable: true },
  { id: 'proctcae.severe', instrument: 'pro-ctcae', kind: 'item_range', items: 'all', min: 3, severity: 'high', reason: 'reason.itemSevere', source: 'basch-protect', snoozable: true },
  { id: 'proctcae.worsening', instrument: 'pro-ctcae', kind: 'worsening', items: 'all', rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch-protect', snoozable: true },
  { id: 'ecog.poor', instrument: 'ecog', kind: 'item_range', items: ['grade'], min: 3, severity: 'moderate', reason: 'reason.ecogPoor', source: 'ecog', snoozable: true },
  { id: 'ecog.rise', instrument: 'ecog', kind: 'worsening', items: ['grade'], rise: 1, severity: 'moderate', reason: 'reason.ecogRise', source: 'ecog', snoozable: true },
];

export const DEFAULT_LADDER: Ladder = {
  urgent: { ack: { amount: 15, unit: 'minutes' }, steps: ['on_call', 'clinical_lead'] },
  high: { ack: { amount: 4, unit: 'working_hours' }, steps: ['on_call', 'clinical_lead'] },
  moderate: { ack: { amount: 2, unit: 'working_days' }, steps: ['overdue'] },
  reminderAfter: { amount: 24, unit: 'hours' },
  taskAfter: { amount: 72, unit: 'hours' },
};

export const DEFAULT_CRISIS: CrisisResources = {
  byLocale: {
    en: { emergency: '911', lines: [{ labelKey: 'crisis.line.us988', phone: '988' }, { labelKey: 'crisis.line.uk', phone: '116 123' }] },
    es: { emergency: '112', lines: [{ labelKey: 'crisis.line.es024', phone: '024' }, { labelKey: 'crisis.line.us988es', phone: '988' }] },
    ar: { emergency: '112', lines: [{ labelKey: 'crisis.line.local', phone: '112' }, { labelKey: 'crisis.line.us988', phone: '988' }] },
  },
};

export interface RuleSet {
  id: string;
  orgId: string | null;
  version: number;
  rules: RuleDefinition[];
  ladder: Ladder;
  crisis: CrisisResources;
  sources: RuleSource[];
  note: string;
  createdBy: string;
  createdAt: Date;
}

/** The default rule set row (org_id null, version 1), created on first use. */
async function ensureDefaults(db: Db): Promise<RuleSet> {
  const [row] = await db.select().from(clinicalRuleSets).where(isNull(clinicalRuleSets.orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
  if (row) return row;
  await db
    .insert(clinicalRuleSets)
    .values({ id: randomUUID(), orgId: null, version: 1, rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, crisis: DEFAULT_CRISIS, sources: SOURCES, note: 'Product defaults from CLINICAL.md', createdBy: 'system:defaults' })
    .onConflictDoNothing();
  const [created] = await db.select().from(clinicalRuleSets).where(isNull(clinicalRuleSets.orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
  if (!created) throw new Error('default rule set missing');
  return created;
}

/**
 * Rule sets are read on every check-in and every alert; they change rarely. Each process keeps the one in
 * force per organization for CACHE_MS (a publish in this process clears it at once; another process sees
 * it within CACHE_MS). See docs/decisions/0200-clinical-rules-as-data.md.
 */
const CACHE_MS = 2000;
const cache = new Map<string, { at: number; set: RuleSet }>();

/** The rule set in force for an organization: its newest own version, else the product defaults. */
export async function ruleSetFor(db: Db, orgId: string): Promise<RuleSet> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.set;
  const [own] = await db.select().from(clinicalRuleSets).where(eq(clinicalRuleSets.orgId, orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
  const set = own ?? (await ensureDefaults(db));
  cache.set(orgId, { at: Date.now(), set });
  return set;
}

/** A specific version (immutable once written, so cached without expiry). */
const byId = new Map<string, RuleSet>();
export async function ruleSetById(db: Db, id: string): Promise<RuleSet | undefined> {
  const hit = byId.get(id);
  if (hit) return hit;
  const [row] = await db.select().from(clinicalRuleSets).where(eq(clinicalRuleSets.id, id));
  if (row && byId.size < 1000) byId.set(id, row);
  return row;
}

/** Publishes a new version of an organization's rule set (the old versions stay, for the record). */
export async function publishRuleSet(
  db: Db,
  orgId: string,
  change: Partial<Pick<RuleSet, 'rules' | 'ladder' | 'crisis'>>,
  by: string,
  note: string,
): Promise<RuleSet> {
  const current = await ruleSetFor(db, orgId);
  const published = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727200)`);
    const [latest] = await tx.select({ version: clinicalRuleSets.version }).from(clinicalRuleSets).where(and(eq(clinicalRuleSets.orgId, orgId))).orderBy(desc(clinicalRuleSets.version)).limit(1);
    const row = {
      id: randomUUID(),
      orgId,
      version: (latest?.version ?? 0) + 1,
      rules: change.rules ?? current.rules,
      ladder: change.ladder ?? current.ladder,
      crisis: change.crisis ?? current.crisis,
      sources: current.sources,
      note,
      createdBy: by,
    };
    await tx.insert(clinicalRuleSets).values(row);
    return { ...row, createdAt: new Date() };
  });
  cache.delete(orgId);
  return published;
}

// ----- Scoring and evaluation (pure functions; the worked-example tests call these and the API) -----

const PHQ_BANDS: Array<[number, string]> = [[20, 'severe'], [15, 'moderately_severe'], [10, 'moderate'], [5, 'mild'], [0, 'minimal']];

export function score(instrument: InstrumentId, answers: Record<string, unknown>): CheckinScores {
  const items: Record<string, number> = {};
  for (const item of INSTRUMENTS[instrument].items) items[item.id] = Number(answers[item.id]);
  const out: CheckinScores = { items };
  if (instrument === 'esas-r' || instrument === 'phq-9') out.total = Object.values(items).reduce((a, b) => a + b, 0);
  if (instrument === 'phq-9') out.band = PHQ_BANDS.find(([min]) => (out.total ?? 0) >= min)?.[1] ?? 'minimal';
  if (instrument === 'distress-thermometer') {
    const ticked = new Set((answers.problems as string[] | undefined) ?? []);
    out.problemCategories = Object.entries(DT_PROBLEMS).filter(([, ps]) => ps.some((p) => ticked.has(p))).map(([c]) => c);
  }
  return out;
}

export interface FiredRule {
  rule: RuleDefinition;
  reasons: AlertReason[];
}

const inRange = (v: number, min: number, max?: number) => v >= min && (max === undefined || v <= max);

/**
 * Evaluates one check-in against a rule set. Per item only the most severe rule's reason is kept, so one
 * answer never raises the same concern twice at two severities; worsening is reported alongside.
 */
export function evaluate(rules: RuleDefinition[], instrument: InstrumentId, scores: CheckinScores, previous: CheckinScores | null): FiredRule[] {
  const fired: Array<FiredRule & { items: string[] }> = [];
  const itemIds = INSTRUMENTS[instrument].items.map((i) => i.id);
  for (const rule of rules.filter((r) => r.instrument === instrument)) {
    const reasons: AlertReason[] = [];
    const items: string[] = [];
    if (rule.kind === 'total_range') {
      if (scores.total !== undefined && inRange(scores.total, rule.min, rule.max)) reasons.push({ key: rule.reason, params: { instrument, value: scores.total, threshold: rule.min, band: scores.band ?? '' } });
    } else {
      const targets = rule.items === 'all' ? itemIds : rule.items;
      for (const item of targets) {
        const v = scores.items[item];
        if (v === undefined) continue;
        if (rule.kind === 'item_range' && inRange(v, rule.min, rule.max)) {
          reasons.push({ key: rule.reason, params: { instrument, item, value: v, threshold: rule.min } });
          items.push(item);
        }
        if (rule.kind === 'worsening') {
          const before = previous?.items[item];
          if (before !== undefined && v - before >= rule.rise) {
            reasons.push({ key: rule.reason, params: { instrument, item, value: v, previous: before, rise: v - before } });
          }
        }
      }
    }
    if (reasons.length) fired.push({ rule, reasons, items });
  }
  // Drop an item's reason from a lower-severity range rule when a higher one already names that item.
  const claimed = new Map<string, number>();
  for (const f of fired) if (f.rule.kind === 'item_range') for (const i of f.items) claimed.set(i, Math.max(claimed.get(i) ?? 0, SEVERITY_RANK[f.rule.severity]));
  const out: FiredRule[] = [];
  for (const f of fired) {
    const reasons = f.rule.kind === 'item_range' ? f.reasons.filter((r) => (claimed.get(String(r.params?.item)) ?? 0) <= SEVERITY_RANK[f.rule.severity]) : f.reasons;
    if (reasons.length) out.push({ rule: f.rule, reasons });
  }
  return out.sort((a, b) => SEVERITY_RANK[b.rule.severity] - SEVERITY_RANK[a.rule.severity]);
}
