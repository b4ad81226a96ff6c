import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AlertReason } from '../contracts/alerts.ts';
import { SEVERITY_RANK } from '../contracts/alerts.ts';
import type { CheckinScores, InstrumentId } from '../contracts/checkins.ts';
import { DT_PROBLEMS, ESAS_ITEMS, INSTRUMENTS, toCelsius } from '../contracts/checkins.ts';
import type { CrisisData, Ladder, RuleCondition, RuleDefinition, RuleSource } from '../contracts/rules.ts';
import type { Db } from '../platform/db/client.ts';
import { DEFAULT_CRISIS, DEFAULT_LADDER, DEFAULT_RULES, DEFAULTS_VERSION, SOURCES } from './rule-defaults.ts';
import { clinicalRuleSets, type LegacyCrisis } from './tables.ts';

export interface RuleSet {
  id: string;
  orgId: string | null;
  version: number;
  rules: RuleDefinition[];
  ladder: Ladder;
  crisis: CrisisData | LegacyCrisis;
  sources: RuleSource[];
  note: string;
  changeSource: string | null;
  createdBy: string;
  createdAt: Date;
}

/** Crisis data of a rule set; sets written before per-country data read as the product defaults. */
export const crisisData = (set: Pick<RuleSet, 'crisis'>): CrisisData => ('countries' in set.crisis ? set.crisis : DEFAULT_CRISIS);

/** The default rule set row (org_id null, version DEFAULTS_VERSION), created on first use after a release changes it. */
async function ensureDefaults(db: Db): Promise<RuleSet> {
  const [row] = await db.select().from(clinicalRuleSets).where(isNull(clinicalRuleSets.orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
  if (row && row.version >= DEFAULTS_VERSION) return row;
  await db
    .insert(clinicalRuleSets)
    .values({ id: randomUUID(), orgId: null, version: DEFAULTS_VERSION, rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, crisis: DEFAULT_CRISIS, sources: SOURCES, note: 'Product defaults from CLINICAL.md', changeSource: 'CLINICAL.md', createdBy: 'system:defaults' })
    .onConflictDoNothing();
  const [created] = await db.select().from(clinicalRuleSets).where(isNull(clinicalRuleSets.orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
  if (!created) throw new Error('default rule set missing');
  return created;
}

/**
 * Rule sets are read on every check-in and every alert; they change rarely. Each process keeps the one in
 * force per organization for CACHE_MS (a publish in this process clears it at once; another process sees
 * it within CACHE_MS). See docs/decisions/0200-clinical-rules-as-data.md. The entry is the read itself, so
 * the check-ins that arrive while it runs share it instead of each reading the rules (decision 0016).
 */
const CACHE_MS = 2000;
const cache = new Map<string, { at: number; set: Promise<RuleSet> }>();

/** The rule set in force for an organization: its newest own version, else the product defaults. */
export function ruleSetFor(db: Db, orgId: string): Promise<RuleSet> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.set;
  const set = (async () => {
    const [own] = await db.select().from(clinicalRuleSets).where(eq(clinicalRuleSets.orgId, orgId)).orderBy(desc(clinicalRuleSets.version)).limit(1);
    return own ?? (await ensureDefaults(db));
  })();
  // Shared while it runs, then kept CACHE_MS from when it answered (a slow read is not expired on arrival).
  const entry = { at: Infinity, set };
  cache.set(orgId, entry);
  set.then(
    () => void (entry.at = Date.now()),
    () => cache.get(orgId) === entry && cache.delete(orgId),
  );
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
  change: Partial<Pick<RuleSet, 'rules' | 'ladder' | 'crisis' | 'sources'>>,
  by: string,
  note: string,
  changeSource: string | null = null,
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
      sources: change.sources ?? current.sources,
      note,
      changeSource,
      createdBy: by,
    };
    await tx.insert(clinicalRuleSets).values(row);
    return { ...row, createdAt: new Date() };
  });
  cache.delete(orgId);
  return published;
}

/** Every version of an organization's rules, newest first (the product defaults when it has none). */
export async function ruleSetVersions(db: Db, orgId: string): Promise<RuleSet[]> {
  const own = await db.select().from(clinicalRuleSets).where(eq(clinicalRuleSets.orgId, orgId)).orderBy(desc(clinicalRuleSets.version));
  return own.length ? own : [await ensureDefaults(db)];
}

// ----- Scoring and evaluation (pure functions; the worked-example tests call these and the API) -----

const PHQ_BANDS: Array<[number, string]> = [[20, 'severe'], [15, 'moderately_severe'], [10, 'moderate'], [5, 'mild'], [0, 'minimal']];

export function score(instrument: InstrumentId, answers: Record<string, unknown>): CheckinScores {
  const items: Record<string, number> = {};
  for (const item of INSTRUMENTS[instrument].items) if (answers[item.id] !== undefined) items[item.id] = Number(answers[item.id]);
  const out: CheckinScores = { items };
  // ESAS-r total is the sum of the 9 symptoms (0-90); the optional 10th item stands apart.
  if (instrument === 'esas-r') out.total = ESAS_ITEMS.reduce((a, i) => a + (items[i] ?? 0), 0);
  if (instrument === 'esas-r' && typeof answers.otherProblem === 'string' && items.other !== undefined) out.otherProblem = answers.otherProblem;
  if (instrument === 'phq-9') out.total = Object.values(items).reduce((a, b) => a + b, 0);
  if (instrument === 'phq-9') out.band = PHQ_BANDS.find(([min]) => (out.total ?? 0) >= min)?.[1] ?? 'minimal';
  if (instrument === 'fever' && typeof answers.temperature === 'number') items.temperature_c = toCelsius(answers.temperature, answers.unit === 'F' ? 'F' : 'C');
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

/** What the rules may know about the patient beyond the answers (conditions such as on systemic therapy). */
export type PatientContext = Partial<Record<RuleCondition, boolean>>;

const inRange = (v: number, min: number, max?: number) => v >= min && (max === undefined || v <= max);

/**
 * Evaluates one check-in against a rule set. Per item only the most severe rule's reason is kept, so one
 * answer never raises the same concern twice at two severities; worsening is reported alongside. Reason
 * parameters carry the rule's own numbers (min, max), so a text never states a threshold the rule lacks.
 */
export function evaluate(rules: RuleDefinition[], instrument: InstrumentId, scores: CheckinScores, previous: CheckinScores | null, patient: PatientContext = {}): FiredRule[] {
  const fired: Array<FiredRule & { items: string[] }> = [];
  const itemIds = INSTRUMENTS[instrument].items.map((i) => i.id);
  for (const rule of rules.filter((r) => r.instrument === instrument && (!r.when || patient[r.when]))) {
    const reasons: AlertReason[] = [];
    const items: string[] = [];
    const bounds = rule.kind === 'worsening' ? {} : { threshold: rule.min, min: rule.min, ...(rule.max !== undefined ? { max: rule.max } : {}) };
    if (rule.kind === 'total_range') {
      if (scores.total !== undefined && inRange(scores.total, rule.min, rule.max)) reasons.push({ key: rule.reason, params: { instrument, value: scores.total, band: scores.band ?? '', ...bounds } });
    } else {
      const targets = rule.items === 'all' ? itemIds : rule.items;
      for (const item of targets) {
        const v = scores.items[item];
        if (v === undefined) continue;
        if (rule.kind === 'item_range' && inRange(v, rule.min, rule.max)) {
          reasons.push({ key: rule.reason, params: { instrument, item, value: v, ...bounds, ...(item === 'other' && scores.otherProblem ? { otherProblem: scores.otherProblem } : {}) } });
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
    // Distress Thermometer: each problem category ticked becomes a routed reason (NCCN).
    if (reasons.length && rule.kind === 'item_range' && rule.routing) {
      for (const category of scores.problemCategories ?? []) {
        const service = rule.routing[category as keyof typeof rule.routing];
        if (service) reasons.push({ key: 'rules:reason.dtRoute', params: { category, service } });
      }
    }
    if (reasons.length) fired.push({ rule, reasons, items });
  }
  // Drop an item's reason from a lower-severity range rule when a higher one already names that item.
  const claimed = new Map<string, number>();
  for (const f of fired) if (f.rule.kind === 'item_range') for (const i of f.items) claimed.set(i, Math.max(claimed.get(i) ?? 0, SEVERITY_RANK[f.rule.severity]));
  const out: FiredRule[] = [];
  for (const f of fired) {
    const reasons = f.rule.kind === 'item_range' ? f.reasons.filter((r) => r.params?.item === undefined || (claimed.get(String(r.params.item)) ?? 0) <= SEVERITY_RANK[f.rule.severity]) : f.reasons;
    if (reasons.some((r) => r.params?.item !== undefined || f.rule.kind !== 'item_range')) out.push({ rule: f.rule, reasons });
  }
  return out.sort((a, b) => SEVERITY_RANK[b.rule.severity] - SEVERITY_RANK[a.rule.severity]);
}
