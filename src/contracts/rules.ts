import { z } from 'zod';
import { AlertSeverity } from './alerts.ts';
import { DT_PROBLEM_CATEGORIES, InstrumentId } from './checkins.ts';
import { LOCALES } from './common.ts';

/**
 * Clinical rules as data (docs/decisions/0200, 0204-0206): the schemas a clinical lead's edit must pass,
 * and the types the engine evaluates. Every threshold, the severity it maps to, the ladder, the routing of
 * Distress Thermometer problems and the crisis resources live here as data with a named source.
 */

/** A rule that applies only to some patients: fever is urgent for patients on systemic therapy. */
export const RuleCondition = z.enum(['on_systemic_therapy']);
export type RuleCondition = z.infer<typeof RuleCondition>;

/** Services a Distress Thermometer problem category routes to (NCCN Distress Management). */
export const SUPPORT_SERVICES = ['nurse', 'social_work', 'psycho_oncology', 'chaplaincy'] as const;
export const SupportService = z.enum(SUPPORT_SERVICES);
export type SupportService = z.infer<typeof SupportService>;
export const DtRouting = z.object(Object.fromEntries(DT_PROBLEM_CATEGORIES.map((c) => [c, SupportService])) as Record<(typeof DT_PROBLEM_CATEGORIES)[number], typeof SupportService>).strict();
export type DtRouting = z.infer<typeof DtRouting>;

/** A source's id in the draft's list of sources (every rule, the ladder and the crisis data cite one). */
const SourceId = z.string().regex(/^[a-z0-9_.-]+$/).max(60);

const Items = z.union([z.array(z.string().min(1).max(60)).min(1).max(60), z.literal('all')]);
const base = {
  id: z.string().regex(/^[a-z0-9_.-]+$/).max(60),
  instrument: InstrumentId,
  severity: AlertSeverity,
  reason: z.string().regex(/^(rules:)?reason\.[a-zA-Z]+$/).max(60),
  source: SourceId,
  snoozable: z.boolean(),
  when: RuleCondition.optional(),
};
export const RuleDefinition = z
  .discriminatedUnion('kind', [
    z.object({ ...base, kind: z.literal('item_range'), items: Items, min: z.number().min(0).max(120), max: z.number().min(0).max(120).optional(), routing: DtRouting.optional() }).strict(),
    z.object({ ...base, kind: z.literal('total_range'), min: z.number().min(0).max(120), max: z.number().min(0).max(120).optional() }).strict(),
    z.object({ ...base, kind: z.literal('worsening'), items: Items, rise: z.number().positive().max(120) }).strict(),
  ])
  .refine((r) => !(r.severity === 'urgent' && r.snoozable), { message: 'urgent rules can never be snoozed', path: ['snoozable'] })
  .refine((r) => r.kind === 'worsening' || r.max === undefined || r.max >= r.min, { message: 'max must not be below min', path: ['max'] });
export type RuleDefinition = z.infer<typeof RuleDefinition>;

export const DurationUnit = z.enum(['seconds', 'minutes', 'hours', 'working_hours', 'working_days']);
export const Duration = z.object({ amount: z.number().positive(), unit: DurationUnit }).strict();
export type Duration = z.infer<typeof Duration>;
export const LadderStep = z.enum(['on_call', 'clinical_lead', 'overdue']);
export type LadderStep = z.infer<typeof LadderStep>;
export const LadderLevel = z.object({ ack: Duration, steps: z.array(LadderStep).max(5) }).strict();
const WORKING_UNITS: readonly string[] = ['working_hours', 'working_days'];
export const Ladder = z
  .object({
    urgent: LadderLevel,
    high: LadderLevel,
    moderate: LadderLevel,
    /** A scheduled check-in without an answer: reminder to the patient, then a task for the navigator. */
    reminderAfter: Duration,
    taskAfter: Duration,
    /** The source the ladder rests on (versions published before sources were per part have none). */
    source: SourceId.optional(),
  })
  .strict()
  // An urgent alert that waits for Monday, or that nobody is told about, is not urgent (CLINICAL.md).
  .refine((l) => !WORKING_UNITS.includes(l.urgent.ack.unit), { message: 'urgent deadlines run on the clock, not in working time', path: ['urgent', 'ack', 'unit'] })
  .refine((l) => l.urgent.steps.length > 0, { message: 'an urgent level needs at least one escalation step', path: ['urgent', 'steps'] });
export type Ladder = z.infer<typeof Ladder>;

/** ISO 3166-1 alpha-2 country code. */
export const Country = z.string().regex(/^[A-Z]{2}$/);
/** A text in the languages of the product: the patient reads it in theirs, else in English. */
const Texts = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1).max(200)])) as Record<(typeof LOCALES)[number], z.ZodString>).partial().refine((t) => Boolean(t.en), { message: 'an English text is required', path: ['en'] });
const Phone = z.string().regex(/^[0-9+ ()-]{2,20}$/);
export const CrisisLine = z.object({ phone: Phone, name: Texts, hours: z.string().trim().min(1).max(60), languages: z.array(z.string().min(2).max(10)).min(1).max(10) }).strict();
export const CountryCrisis = z.object({
  emergency: Phone,
  /** The organization's oncology hotline (fever during chemotherapy); emergency services when absent. */
  oncologyHotline: z.object({ phone: Phone, hours: z.string().trim().min(1).max(60) }).strict().optional(),
  lines: z.array(CrisisLine).max(10),
}).strict();
export const CrisisData = z.object({ defaultCountry: Country, countries: z.record(Country, CountryCrisis), source: SourceId.optional() }).strict().refine((c) => Boolean(c.countries[c.defaultCountry]), { message: 'the default country needs resources', path: ['defaultCountry'] });
export type CrisisData = z.infer<typeof CrisisData>;

/** What the patient is shown: their country's resources, texts in their language. */
export const CrisisView = z.object({
  country: Country,
  locale: z.string(),
  emergency: z.string(),
  oncologyHotline: z.object({ phone: z.string(), hours: z.string() }).nullable(),
  lines: z.array(z.object({ phone: z.string(), name: z.string(), hours: z.string(), languages: z.array(z.string()) })),
});
export type CrisisView = z.infer<typeof CrisisView>;

export interface RuleSource {
  id: string;
  citation: string;
}
export const RuleSourceSchema = z.object({ id: SourceId, citation: z.string().trim().min(3).max(400) }).strict();

/** Everything a clinical lead can edit, as one draft. */
export const RuleDraft = z.object({
  rules: z.array(RuleDefinition).min(1).max(200),
  ladder: Ladder,
  crisis: CrisisData,
  sources: z.array(RuleSourceSchema).min(1).max(60),
}).strict().refine((d) => d.rules.every((r) => d.sources.some((s) => s.id === r.source)), { message: 'every rule names one of the sources', path: ['rules'] })
  .refine((d) => [d.ladder.source, d.crisis.source].every((id) => id === undefined || d.sources.some((s) => s.id === id)), { message: 'the ladder and the crisis data name one of the sources', path: ['sources'] })
  .refine((d) => new Set(d.sources.map((s) => s.id)).size === d.sources.length, { message: 'source ids must be unique', path: ['sources'] })
  .refine((d) => new Set(d.rules.map((r) => r.id)).size === d.rules.length, { message: 'rule ids must be unique', path: ['rules'] });
export type RuleDraft = z.infer<typeof RuleDraft>;

/** Publishing needs the why and the source the change rests on. */
export const PublishRulesRequest = z.object({ draft: RuleDraft, note: z.string().trim().min(3).max(500), changeSource: z.string().trim().min(3).max(400) }).strict();
export const RestoreRulesRequest = z.object({ note: z.string().trim().min(3).max(500) }).strict();
export const PreviewRulesRequest = z.object({ draft: RuleDraft, days: z.number().int().min(7).max(90).default(90) }).strict();

/** The ladder alone (the triage screen's quick edit); publishing it keeps the rest of the rules. */
export const UpdateLadderRequest = z.object({ ladder: Ladder, note: z.string().trim().min(3).max(500), changeSource: z.string().trim().min(3).max(400).optional() }).strict();
export const ClinicalFlagsRequest = z.object({ onSystemicTherapy: z.boolean() }).strict();
