import { z } from 'zod';
import { Id, TimeZone } from './common.ts';

export const INSTRUMENT_IDS = ['esas-r', 'distress-thermometer', 'phq-9', 'pro-ctcae', 'ecog', 'fever'] as const;
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
  /** The patient may leave it out (ESAS-r item 10, "other problem", named by the patient). */
  optional?: boolean;
}

/** Items of every instrument, in the order they are asked. */
export const INSTRUMENTS: Record<InstrumentId, { items: ItemSpec[]; problems?: boolean; otherProblem?: boolean; temperature?: boolean }> = {
  // ESAS-r: 9 symptoms plus the optional 10th, a problem the patient names and rates (Watanabe 2011).
  'esas-r': { items: [...ESAS_ITEMS.map((id): ItemSpec => ({ id, min: 0, max: 10, scale: 'nrs' })), { id: 'other', min: 0, max: 10, scale: 'nrs', optional: true }], otherProblem: true },
  'distress-thermometer': { items: [{ id: 'score', min: 0, max: 10, scale: 'nrs' }], problems: true },
  'phq-9': { items: PHQ9_ITEMS.map((id) => ({ id, min: 0, max: 3, scale: 'phq' })) },
  'pro-ctcae': {
    items: Object.entries(PRO_CTCAE_SYMPTOMS).flatMap(([s, attrs]) =>
      attrs.map((a) => ({ id: `${s}_${a}`, min: 0, max: a === 'presence' ? 1 : 4, scale: a, group: s })),
    ),
  },
  // Grade 5 is death: a patient cannot report it, so the self-report scale ends at 4.
  ecog: { items: [{ id: 'grade', min: 0, max: 4, scale: 'ecog' }] },
  // Fever during systemic therapy (ASCO/IDSA 2018): a temperature in °C or °F, or a plain yes.
  fever: { items: [{ id: 'fever_or_chills', min: 0, max: 1, scale: 'presence' }], temperature: true },
};

/** Temperatures a thermometer can show: °C 30-45, °F 86-113. */
export const TEMPERATURE_RANGE = { C: [30, 45], F: [86, 113] } as const;
/** °F to °C, to 0.01 °C so 100.4 °F is exactly 38.00 °C. */
export const toCelsius = (value: number, unit: 'C' | 'F') => Math.round((unit === 'F' ? ((value - 32) * 5) / 9 : value) * 100) / 100;

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
  fever: ['en', 'es'],
};

const answerValue = (min: number, max: number) => z.number({ error: `required, a whole number ${min}-${max}` }).int().min(min).max(max);

const answerSchemas = new Map<InstrumentId, ReturnType<typeof buildAnswersSchema>>();

/**
 * The strict answers schema of one instrument: every item required and in range, no unknown keys. Built
 * once per instrument: building a zod schema costs more than parsing with it (a profile of the alerts
 * bench put 6 % of the process in schema construction).
 */
export function answersSchema(instrument: InstrumentId) {
  let schema = answerSchemas.get(instrument);
  if (!schema) answerSchemas.set(instrument, (schema = buildAnswersSchema(instrument)));
  return schema;
}

function buildAnswersSchema(instrument: InstrumentId) {
  const spec = INSTRUMENTS[instrument];
  const shape: Record<string, z.ZodType> = {};
  for (const item of spec.items) shape[item.id] = item.optional ? answerValue(item.min, item.max).optional() : answerValue(item.min, item.max);
  if (spec.problems) shape.problems = z.array(z.enum(DT_PROBLEM_IDS as [string, ...string[]])).max(DT_PROBLEM_IDS.length).default([]);
  if (spec.otherProblem) shape.otherProblem = z.string().trim().min(1).max(60).optional();
  if (spec.temperature) {
    shape.temperature = z.number().finite().optional();
    shape.unit = z.enum(['C', 'F']).default('C');
  }
  return z
    .object(shape)
    .strict()
    .refine((a) => !(spec.otherProblem && a.other !== undefined && !a.otherProblem), { message: 'name the other problem', path: ['otherProblem'] })
    .refine((a) => {
      if (!spec.temperature || a.temperature === undefined) return true;
      const [min, max] = TEMPERATURE_RANGE[a.unit as 'C' | 'F'];
      return (a.temperature as number) >= min && (a.temperature as number) <= max;
    }, { message: 'a temperature °C 30-45 or °F 86-113', path: ['temperature'] });
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
  /** ESAS-r item 10: the problem the patient named. */
  otherProblem?: string;
  /** The patient's previous report of the same instrument, which worsening rules compared against. */
  previousId?: string;
};

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
