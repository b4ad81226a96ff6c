import { z } from 'zod';
import { Id, TimeZone } from './common.ts';
import type { AlertSeverity } from './alerts.ts';

export const INSTRUMENT_IDS = ['esas-r', 'distress-thermometer', 'phq-9', 'pro-ctcae', 'ecog'] as const;
export const InstrumentId = z.enum(INSTRUMENT_IDS);
export type InstrumentId = z.infer<typeof InstrumentId>;

export const ESAS_ITEMS = ['pain', 'tiredness', 'drowsiness', 'nausea', 'appetite', 'shortness_of_breath', 'depression', 'anxiety', 'wellbeing'] as const;
export const PHQ9_ITEMS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7', 'item8', 'item9'] as const;
export const DT_PROBLEM_CATEGORIES = ['physical', 'practical', 'family_social', 'emotional', 'spiritual'] as const;
/** NCCN problem list, grouped by category; a referral is routed by the categories ticked. */
export const DT_PROBLEMS: Record<(typeof DT_PROBLEM_CATEGORIES)[number], readonly string[]> = {
  physical: ['pain', 'fatigue', 'sleep', 'nausea', 'breathing', 'eating', 'memory', 'getting_around'],
  practical: ['housing', 'insurance_money', 'work_school', 'transportation', 'child_care'],
  family_social: ['partner', 'children', 'family_health', 'friends'],
  emotional: ['worry', 'sadness', 'fears', 'nervousness', 'loss_of_interest'],
  spiritual: ['spiritual_concerns', 'meaning_purpose'],
};
export const DT_PROBLEM_IDS = Object.values(DT_PROBLEMS).flat();

export type ProCtcaeAttribute = 'frequency' | 'severity' | 'interference' | 'presence';
/** PRO-CTCAE core subset: each symptom's attributes are asked together (NCI item library). */
export const PRO_CTCAE_SYMPTOMS: Record<string, readonly ProCtcaeAttribute[]> = {
  pain: ['frequency', 'severity', 'interference'],
  fatigue: ['severity', 'interference'],
  nausea: ['frequency', 'severity'],
  vomiting: ['frequency', 'severity'],
  diarrhea: ['frequency'],
  constipation: ['severity'],
  decreased_appetite: ['severity', 'interference'],
  shortness_of_breath: ['severity', 'interference'],
  insomnia: ['severity', 'interference'],
  numbness_tingling: ['severity', 'interference'],
  anxiety: ['frequency', 'severity', 'interference'],
  sad_unhappy: ['frequency', 'severity', 'interference'],
};
export const PRO_CTCAE_ITEMS = Object.entries(PRO_CTCAE_SYMPTOMS).flatMap(([s, attrs]) => attrs.map((a) => `${s}_${a}`));

export interface ItemSpec {
  id: string;
  min: number;
  max: number;
  /** Label key of each answer value: `answers.<scale>.<value>` in the checkins namespace. */
  scale: 'nrs' | 'phq' | 'frequency' | 'severity' | 'interference' | 'presence' | 'ecog';
  /** For PRO-CTCAE, the symptom the item belongs to (its attributes are shown together). */
  group?: string;
}

/** Items of every instrument, in the order they are asked. */
export const INSTRUMENTS: Record<InstrumentId, { items: ItemSpec[]; problems?: boolean }> = {
  'esas-r': { items: ESAS_ITEMS.map((id) => ({ id, min: 0, max: 10, scale: 'nrs' })) },
  'distress-thermometer': { items: [{ id: 'score', min: 0, max: 10, scale: 'nrs' }], problems: true },
  'phq-9': { items: PHQ9_ITEMS.map((id) => ({ id, min: 0, max: 3, scale: 'phq' })) },
  'pro-ctcae': {
    items: Object.entries(PRO_CTCAE_SYMPTOMS).flatMap(([s, attrs]) =>
      attrs.map((a) => ({ id: `${s}_${a}`, min: 0, max: a === 'presence' ? 1 : 4, scale: a, group: s })),
    ),
  },
  ecog: { items: [{ id: 'grade', min: 0, max: 5, scale: 'ecog' }] },
};

/**
 * Languages in which each instrument's wording ships with the product. Elsewhere the original (English)
 * is shown and marked as such: instrument wording is never machine-translated (CLINICAL.md).
 */
export const INSTRUMENT_LANGUAGES: Record<InstrumentId, readonly string[]> = {
  'esas-r': ['en', 'es'],
  'distress-thermometer': ['en', 'es'],
  'phq-9': ['en', 'es'],
  'pro-ctcae': ['en', 'es'],
  ecog: ['en', 'es'],
};

const answerValue = (min: number, max: number) => z.number({ error: `required, a whole number ${min}-${max}` }).int().min(min).max(max);

/** The strict answers schema of one instrument: every item required and in range, no unknown keys. */
export function answersSchema(instrument: InstrumentId) {
  const spec = INSTRUMENTS[instrument];
  const shape: Record<string, z.ZodType> = {};
  for (const item of spec.items) shape[item.id] = answerValue(item.min, item.max);
  if (spec.problems) shape.problems = z.array(z.enum(DT_PROBLEM_IDS as [string, ...string[]])).max(DT_PROBLEM_IDS.length).default([]);
  return z.object(shape).strict();
}

export const SubmitCheckinRequest = z.object({
  instrument: InstrumentId,
  answers: z.record(z.string(), z.unknown()),
  /** A caregiver with the `checkins` scope submits for this patient; a patient omits it (or names themself). */
  patientId: Id.optional(),
  /** The scheduled request this answers, if any. */
  requestId: Id.optional(),
}).strict();

export type CheckinScores = {
  total?: number;
  band?: string;
  /** Per item value, for comparisons with the next report. */
  items: Record<string, number>;
  problemCategories?: string[];
  /** The patient's previous report of the same instrument, which worsening rules compared against. */
  previousId?: string;
};

// ----- Clinical rules as data (versioned per organization, with sources) -----

export type RuleDefinition =
  | { id: string; instrument: InstrumentId; kind: 'item_range'; items: string[] | 'all'; min: number; max?: number; severity: AlertSeverity; reason: string; source: string; snoozable: boolean }
  | { id: string; instrument: InstrumentId; kind: 'total_range'; min: number; max?: number; severity: AlertSeverity; reason: string; source: string; snoozable: boolean }
  | { id: string; instrument: InstrumentId; kind: 'worsening'; items: string[] | 'all'; rise: number; severity: AlertSeverity; reason: string; source: string; snoozable: boolean };

export const DurationUnit = z.enum(['seconds', 'minutes', 'hours', 'working_hours', 'working_days']);
export const Duration = z.object({ amount: z.number().positive(), unit: DurationUnit });
export type Duration = z.infer<typeof Duration>;
export const LadderStep = z.enum(['on_call', 'clinical_lead', 'overdue']);
export type LadderStep = z.infer<typeof LadderStep>;
export const LadderLevel = z.object({ ack: Duration, steps: z.array(LadderStep).max(5) });
export const Ladder = z.object({
  urgent: LadderLevel,
  high: LadderLevel,
  moderate: LadderLevel,
  /** A scheduled check-in without an answer: reminder to the patient, then a task for the navigator. */
  reminderAfter: Duration,
  taskAfter: Duration,
}).strict();
export type Ladder = z.infer<typeof Ladder>;

export interface CrisisResources {
  /** Per UI locale: the emergency number and crisis lines (labels are i18n keys in `checkins`). */
  byLocale: Record<string, { emergency: string; lines: Array<{ labelKey: string; phone: string }> }>;
}

export interface RuleSource {
  id: string;
  citation: string;
}

export const RuleSetView = z.object({
  id: Id,
  orgId: Id.nullable(),
  version: z.number(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const UpdateLadderRequest = z.object({ ladder: Ladder, note: z.string().trim().min(3).max(500) }).strict();

// ----- Schedules -----
export const FREQUENCIES = ['daily', 'weekly', 'biweekly', 'monthly'] as const;
export const Frequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof Frequency>;

export const ScheduleRequest = z.object({
  frequency: Frequency,
  instruments: z.array(InstrumentId).min(1).max(INSTRUMENT_IDS.length),
  hour: z.number().int().min(0).max(23).default(10),
  timezone: TimeZone.optional(),
  active: z.boolean().default(true),
}).strict();
export type ScheduleRequest = z.infer<typeof ScheduleRequest>;
