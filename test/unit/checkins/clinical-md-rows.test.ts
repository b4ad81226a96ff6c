import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseCrisis } from '../../../src/alerts/crisis.ts';
import { DEFAULT_CRISIS, DEFAULT_DT_ROUTING, DEFAULT_LADDER, DEFAULT_RULES } from '../../../src/checkins/rule-defaults.ts';
import { evaluate, score, type PatientContext } from '../../../src/checkins/rules.ts';
import { SnoozeAlertRequest } from '../../../src/contracts/alerts.ts';
import { DT_PROBLEM_CATEGORIES, ESAS_ITEMS, FREQUENCIES, INSTRUMENTS, PHQ9_ITEMS, PRO_CTCAE_ITEMS, toCelsius, type InstrumentId } from '../../../src/contracts/checkins.ts';
import type { RuleDefinition } from '../../../src/contracts/rules.ts';
import en from '../../../locales/en/checkins.json' with { type: 'json' };

/**
 * CLINICAL.md's table rows, quoted verbatim (the design document lives outside the repository, in
 * ../shared/design/CLINICAL.md; where it is present the quotes are checked against it). Every number a
 * test below asserts is read out of these quotes, then found in the shipped rule data
 * (src/checkins/rule-defaults.ts) and in the engine's behaviour on the boundary values.
 */
const ROW = {
  esas: '| ESAS-r (Edmonton Symptom Assessment System, revised) | 9 symptoms rated "now": pain, tiredness, drowsiness, nausea, lack of appetite, shortness of breath, depression, anxiety, wellbeing; optional 10th "other problem" | 0-10 each | item >= 7 severe; 4-6 moderate; total = sum of the 9 (0-90) |',
  dt: '| NCCN Distress Thermometer + problem list | one 0-10 rating; problem list grouped as physical, practical, family/social, emotional, spiritual/religious | 0-10 | >= 4 clinically significant: referral routed by the problem categories ticked |',
  phq9: '| PHQ-9 | 9 items | 0-3 each, total 0-27 | bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe. Item 9 (thoughts of self-harm, LOINC 44260-8) >= 1: URGENT safety escalation, whatever the total |',
  proCtcae: '| PRO-CTCAE (NCI), a core subset | symptom items with attributes frequency / severity / interference, recall "past 7 days" | 0-4 per attribute (presence items 0/1) | all attributes of one symptom are asked together; alert when any attribute >= 3, or when it rose >= 2 points since the patient\'s previous report |',
  ecog: '| ECOG performance status (patient-reported or clinician-entered) | one grade | 0-5 | a rise of >= 1 grade since the last value, or a value >= 3, prompts review |',
  urgent: '| urgent | PHQ-9 item 9 >= 1; self-harm language in chat; ESAS pain or shortness of breath 10; fever report during chemotherapy | 15 min | page the on-call navigator, then the clinical lead; the patient immediately sees crisis resources for their locale (for the US, 988) and "call emergency services if you are in danger" |',
  high: '| high | any item severe (ESAS >= 7, PRO-CTCAE >= 3, DT >= 7); worsening >= 2 points | 4 working hours | reassign to the on-call navigator |',
  moderate: '| moderate | ESAS 4-6; DT 4-6; PHQ-9 total >= 10 | 2 working days | stays on the navigator\'s queue, flagged overdue |',
  labels: 'Answer labels for PRO-CTCAE: frequency Never / Rarely / Occasionally / Frequently / Almost constantly;\nseverity None / Mild / Moderate / Severe / Very severe; interference Not at all / A little bit /\nSomewhat / Quite a bit / Very much.',
  snooze: 'A navigator can snooze a\nsymptom\'s alerts for one patient for a bounded time (at most 30 days) with a reason; urgent rules\ncan never be snoozed.',
  schedule: 'Default weekly during active treatment, configurable per patient (daily to monthly); a reminder\nafter 24 h without an answer, a navigator task after 72 h.',
} as const;

const cells = (row: string) => row.split('|').slice(1, -1).map((c) => c.trim());
const num = (text: string, re: RegExp, group = 1) => {
  const m = re.exec(text);
  if (!m) throw new Error(`${re} not in: ${text}`);
  return Number(m[group]);
};
const rule = (id: string) => {
  const r = DEFAULT_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no shipped rule ${id}`);
  return r;
};
const range = (r: RuleDefinition) => (r.kind === 'worsening' ? { rise: r.rise } : { min: r.min, max: r.max });
/** The severities of the rules a report fires (first report: no worsening). */
const fired = (instrument: InstrumentId, answers: Record<string, unknown>, previous: Record<string, unknown> | null = null, ctx: PatientContext = {}) =>
  evaluate(DEFAULT_RULES, instrument, score(instrument, answers), previous && score(instrument, previous), ctx).map((f) => `${f.rule.id}:${f.rule.severity}`).sort();
const allEsas = (v: number) => Object.fromEntries(ESAS_ITEMS.map((i) => [i, v]));
const CLINICAL_MD = ['../shared/design/CLINICAL.md', '/work/shared/design/CLINICAL.md'].find((p) => existsSync(p));

describe('CLINICAL.md, row by row, read off the shipped rule data', () => {
  it.runIf(CLINICAL_MD)('the quoted rows are CLINICAL.md as it stands', () => {
    const doc = readFileSync(CLINICAL_MD!, 'utf8');
    for (const [name, quote] of Object.entries(ROW)) expect(doc.includes(quote), name).toBe(true);
  });

  it('ESAS-r: 9 symptoms + optional 10th, 0-10 each; item >= 7 severe (high), 4-6 moderate; total = sum of the 9 (0-90)', () => {
    const [, items, scale, rules] = cells(ROW.esas) as [string, string, string, string];
    expect(ESAS_ITEMS).toHaveLength(num(items, /^(\d+) symptoms/));
    expect(INSTRUMENTS['esas-r'].items.filter((i) => i.optional).map((i) => i.id)).toEqual(['other']);
    const [lo, hi] = [num(scale, /(\d+)-(\d+)/), num(scale, /(\d+)-(\d+)/, 2)];
    expect(INSTRUMENTS['esas-r'].items.every((i) => i.min === lo && i.max === hi)).toBe(true);
    expect(range(rule('esas.severe'))).toEqual({ min: num(rules, /item >= (\d+) severe/), max: undefined });
    expect(rule('esas.severe').severity).toBe('high');
    expect(range(rule('esas.moderate'))).toEqual({ min: num(rules, /(\d+)-(\d+) moderate/), max: num(rules, /(\d+)-(\d+) moderate/, 2) });
    expect(rule('esas.moderate').severity).toBe('moderate');
    expect(score('esas-r', { ...allEsas(10), other: 10, otherProblem: 'itch' }).total).toBe(num(rules, /\((\d+)-(\d+)\)/, 2));
    expect(fired('esas-r', { ...allEsas(0), tiredness: 6 })).toEqual(['esas.moderate:moderate']);
    expect(fired('esas-r', { ...allEsas(0), tiredness: 7 })).toEqual(['esas.severe:high']);
    expect(fired('esas-r', { ...allEsas(0), tiredness: 3 })).toEqual([]);
  });

  it('Distress Thermometer: 0-10; five problem categories; >= 4 significant, routed by the categories ticked', () => {
    const [, items, , rules] = cells(ROW.dt) as [string, string, string, string];
    expect(DT_PROBLEM_CATEGORIES.map((c) => c.replace('family_social', 'family/social').replace('spiritual', 'spiritual/religious'))).toEqual(/grouped as (.*)$/.exec(items)![1]!.split(', '));
    expect(range(rule('dt.significant')).min).toBe(num(rules, />= (\d+) clinically significant/));
    for (const id of ['dt.significant', 'dt.severe']) expect(rule(id)).toMatchObject({ routing: DEFAULT_DT_ROUTING });
    expect(fired('distress-thermometer', { score: 3, problems: ['housing'] })).toEqual([]);
    expect(fired('distress-thermometer', { score: 4, problems: ['housing'] })).toEqual(['dt.significant:moderate']);
  });

  it('DT routing (issue 16): practical -> social work, emotional -> psycho-oncology, spiritual -> chaplaincy, family/social -> social work, physical -> nurse', () => {
    expect(DEFAULT_DT_ROUTING).toEqual({ practical: 'social_work', emotional: 'psycho_oncology', spiritual: 'chaplaincy', family_social: 'social_work', physical: 'nurse' });
  });

  it('PHQ-9: 9 items 0-3, total 0-27, the five bands; item 9 >= 1 urgent whatever the total', () => {
    const [, items, scale, rules] = cells(ROW.phq9) as [string, string, string, string];
    expect(PHQ9_ITEMS).toHaveLength(num(items, /^(\d+) items/));
    expect(INSTRUMENTS['phq-9'].items.every((i) => i.min === num(scale, /^(\d+)-(\d+) each/) && i.max === num(scale, /^(\d+)-(\d+) each/, 2))).toBe(true);
    const bands = [...rules.matchAll(/(\d+)-(\d+) ([a-z ]+?)(?:,|\.)/g)].map(([, from, to, name]) => ({ from: Number(from), to: Number(to), band: name!.trim().replace(' ', '_') }));
    expect(bands).toHaveLength(5);
    const phq = (total: number) => Object.fromEntries(PHQ9_ITEMS.map((id, i) => [id, id === 'item9' ? 0 : Math.max(0, Math.min(3, total - 3 * i))]));
    for (const { from, to, band } of bands) {
      expect(score('phq-9', phq(from)).band, `total ${from}`).toBe(band);
      if (to <= 24) expect(score('phq-9', phq(to)).band, `total ${to}`).toBe(band);
    }
    expect(score('phq-9', Object.fromEntries(PHQ9_ITEMS.map((id) => [id, 3]))).total).toBe(num(scale, /total (\d+)-(\d+)/, 2));
    expect(range(rule('phq9.selfharm')).min).toBe(num(rules, /Item 9 .*?>= (\d+): URGENT/));
    expect(fired('phq-9', { ...phq(0), item9: 1 })).toEqual(['phq9.selfharm:urgent']);
  });

  it('PRO-CTCAE: 0-4 per attribute; alert at any attribute >= 3, or a rise of >= 2 since the previous report; the answer labels', () => {
    const [, , scale, rules] = cells(ROW.proCtcae) as [string, string, string, string];
    expect(INSTRUMENTS['pro-ctcae'].items.filter((i) => i.scale !== 'presence').every((i) => i.min === 0 && i.max === num(scale, /^0-(\d+) per attribute/))).toBe(true);
    expect(range(rule('proctcae.severe')).min).toBe(num(rules, /any attribute >= (\d+)/));
    expect(range(rule('proctcae.worsening')).rise).toBe(num(rules, /rose >= (\d+) points/));
    const none = Object.fromEntries(PRO_CTCAE_ITEMS.map((i) => [i, 0]));
    expect(fired('pro-ctcae', { ...none, pain_severity: 3 })).toEqual(['proctcae.severe:high']);
    expect(fired('pro-ctcae', { ...none, pain_severity: 2 }, none)).toEqual(['proctcae.worsening:high']);
    expect(fired('pro-ctcae', { ...none, pain_severity: 1 }, none)).toEqual([]);
    const labels = (scale: 'frequency' | 'severity' | 'interference') => ROW.labels.replace(/\n/g, ' ').match(new RegExp(`${scale} ([^;.]+)`))![1]!.split(' / ').map((s) => s.trim());
    for (const s of ['frequency', 'severity', 'interference'] as const) expect(Object.values(en.scales[s])).toEqual(labels(s));
  });

  it('ECOG: 0-5 overall (5 by clinicians only; a patient reports 0-4); a rise of >= 1 or a value >= 3 prompts review (moderate)', () => {
    const [, , scale, rules] = cells(ROW.ecog) as [string, string, string, string];
    expect(Object.keys(en.scales.ecog).map(Number)).toEqual(Array.from({ length: num(scale, /0-(\d+)/) + 1 }, (_, i) => i));
    expect(INSTRUMENTS.ecog.items[0]).toMatchObject({ min: 0, max: num(scale, /0-(\d+)/) - 1 });
    expect(range(rule('ecog.rise')).rise).toBe(num(rules, /rise of >= (\d+) grade/));
    expect(range(rule('ecog.poor')).min).toBe(num(rules, /value >= (\d+)/));
    expect([rule('ecog.rise').severity, rule('ecog.poor').severity]).toEqual(['moderate', 'moderate']);
  });

  it('urgent: PHQ-9 item 9 >= 1, ESAS pain or shortness of breath 10, fever during chemotherapy; 15 min; on-call then lead; the US sees 988 and emergency services', () => {
    const [, examples, ack, steps] = cells(ROW.urgent) as [string, string, string, string];
    expect(DEFAULT_RULES.filter((r) => r.severity === 'urgent').map((r) => r.id)).toEqual(['esas.urgent', 'phq9.selfharm', 'fever.temperature', 'fever.reported']);
    expect(rule('esas.urgent')).toMatchObject({ items: ['pain', 'shortness_of_breath'], min: num(examples, /shortness of breath (\d+)/) });
    // Per item the most severe rule speaks: 10 is urgent, 9 "only" severe.
    expect(fired('esas-r', { ...allEsas(0), shortness_of_breath: 10 })).toEqual(['esas.urgent:urgent']);
    expect(fired('esas-r', { ...allEsas(0), shortness_of_breath: 9 })).toEqual(['esas.severe:high']);
    expect(DEFAULT_LADDER.urgent).toEqual({ ack: { amount: num(ack, /^(\d+) min$/), unit: 'minutes' }, steps: ['on_call', 'clinical_lead'] });
    expect(steps).toMatch(/on-call navigator, then the clinical lead/);
    const us = chooseCrisis(DEFAULT_CRISIS, 'US', 'en');
    expect(us.lines.map((l) => l.phone)).toContain(String(num(steps, /for the US, (\d+)/)));
    expect(us.emergency).toBe('911');
  });

  it('fever during chemotherapy (issue 16): >= 38.0 °C or a yes, urgent only on systemic therapy; 37.9/38.0 °C and 100.3/100.4 °F', () => {
    const onTherapy = { on_systemic_therapy: true };
    const at = (temperature: number, unit: 'C' | 'F', ctx: PatientContext = onTherapy) => fired('fever', { fever_or_chills: 0, temperature, unit }, null, ctx);
    expect(rule('fever.temperature')).toMatchObject({ min: 38, severity: 'urgent', when: 'on_systemic_therapy', snoozable: false });
    expect([at(37.9, 'C'), at(38.0, 'C'), at(100.3, 'F'), at(100.4, 'F'), at(39, 'C', {})]).toEqual([[], ['fever.temperature:urgent'], [], ['fever.temperature:urgent'], []]);
    expect(toCelsius(100.4, 'F')).toBe(38);
    expect(fired('fever', { fever_or_chills: 1 }, null, onTherapy)).toEqual(['fever.reported:urgent']);
  });

  it('high: ESAS >= 7, PRO-CTCAE >= 3, DT >= 7, worsening >= 2; 4 working hours; reassign to on-call', () => {
    const [, examples, ack] = cells(ROW.high) as [string, string, string];
    expect(DEFAULT_RULES.filter((r) => r.severity === 'high').map((r) => r.id)).toEqual(['esas.severe', 'esas.worsening', 'dt.severe', 'dt.worsening', 'proctcae.severe', 'proctcae.worsening']);
    expect(range(rule('esas.severe')).min).toBe(num(examples, /ESAS >= (\d+)/));
    expect(range(rule('proctcae.severe')).min).toBe(num(examples, /PRO-CTCAE >= (\d+)/));
    expect(range(rule('dt.severe')).min).toBe(num(examples, /DT >= (\d+)/));
    expect(DEFAULT_RULES.filter((r) => r.kind === 'worsening' && r.severity === 'high').map((r) => [r.id, range(r).rise])).toEqual(['esas.worsening', 'dt.worsening', 'proctcae.worsening'].map((id) => [id, num(examples, /worsening >= (\d+) points/)]));
    expect(DEFAULT_LADDER.high).toEqual({ ack: { amount: num(ack, /^(\d+) working hours$/), unit: 'working_hours' }, steps: ['on_call'] });
  });

  it('moderate: ESAS 4-6, DT 4-6, PHQ-9 total >= 10; 2 working days; flagged overdue', () => {
    const [, examples, ack] = cells(ROW.moderate) as [string, string, string];
    // ECOG's "prompts review" (instrument table) is moderate too.
    expect(DEFAULT_RULES.filter((r) => r.severity === 'moderate').map((r) => r.id)).toEqual(['esas.moderate', 'dt.significant', 'phq9.total', 'ecog.poor', 'ecog.rise']);
    expect(range(rule('esas.moderate'))).toEqual({ min: num(examples, /ESAS (\d+)-(\d+)/), max: num(examples, /ESAS (\d+)-(\d+)/, 2) });
    expect(range(rule('dt.significant'))).toEqual({ min: num(examples, /DT (\d+)-(\d+)/), max: num(examples, /DT (\d+)-(\d+)/, 2) });
    expect(rule('phq9.total')).toMatchObject({ kind: 'total_range', min: num(examples, /PHQ-9 total >= (\d+)/), severity: 'moderate' });
    expect(DEFAULT_LADDER.moderate).toEqual({ ack: { amount: num(ack, /^(\d+) working days$/), unit: 'working_days' }, steps: ['overdue'] });
  });

  it('snooze at most 30 days with a reason; urgent rules never snoozable', () => {
    const days = num(ROW.snooze, /at most (\d+) days/);
    expect(SnoozeAlertRequest.safeParse({ days, reason: 'on holiday' }).success).toBe(true);
    expect(SnoozeAlertRequest.safeParse({ days: days + 1, reason: 'on holiday' }).success).toBe(false);
    expect(SnoozeAlertRequest.safeParse({ days }).success).toBe(false);
    expect(DEFAULT_RULES.filter((r) => r.severity === 'urgent' && r.snoozable)).toEqual([]);
  });

  it('check-in schedule: daily to monthly; reminder after 24 h, navigator task after 72 h', () => {
    expect([FREQUENCIES[0], FREQUENCIES.at(-1)]).toEqual(['daily', 'monthly']);
    expect(DEFAULT_LADDER.reminderAfter).toEqual({ amount: num(ROW.schedule, /reminder\nafter (\d+) h/), unit: 'hours' });
    expect(DEFAULT_LADDER.taskAfter).toEqual({ amount: num(ROW.schedule, /task after (\d+) h/), unit: 'hours' });
  });
});
