import { describe, expect, it } from 'vitest';
import type { InstrumentId } from '../../../src/contracts/checkins.ts';
import { PRO_CTCAE_ITEMS } from '../../../src/contracts/checkins.ts';
import { DEFAULT_RULES } from '../../../src/checkins/rule-defaults.ts';
import { evaluate, score } from '../../../src/checkins/rules.ts';

const ESAS0 = { pain: 0, tiredness: 0, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 };
const PHQ0 = { item1: 0, item2: 0, item3: 0, item4: 0, item5: 0, item6: 0, item7: 0, item8: 0, item9: 0 };
const PRO0 = Object.fromEntries(PRO_CTCAE_ITEMS.map((i) => [i, 0]));

/** What fired: `ruleId:severity` for each alert, most severe first. */
function fired(instrument: InstrumentId, answers: Record<string, unknown>, previous?: Record<string, unknown>) {
  const prev = previous ? score(instrument, previous) : null;
  return evaluate(DEFAULT_RULES, instrument, score(instrument, answers), prev).map((f) => `${f.rule.id}:${f.rule.severity}`);
}

describe('ESAS-r (Selby 2010: 4-6 moderate, >= 7 severe; pain or breathlessness 10 urgent)', () => {
  it.each([
    [{ nausea: 3 }, []],
    [{ nausea: 4 }, ['esas.moderate:moderate']],
    [{ nausea: 6 }, ['esas.moderate:moderate']],
    [{ nausea: 7 }, ['esas.severe:high']],
    [{ pain: 9 }, ['esas.severe:high']],
    [{ pain: 10 }, ['esas.urgent:urgent']],
    [{ shortness_of_breath: 10 }, ['esas.urgent:urgent']],
    [{ tiredness: 10 }, ['esas.severe:high']],
    [{ pain: 10, nausea: 5 }, ['esas.urgent:urgent', 'esas.moderate:moderate']],
  ])('%o -> %o', (answers, expected) => expect(fired('esas-r', { ...ESAS0, ...answers })).toEqual(expected));

  it('one item is named once, at its highest severity', () => {
    const out = evaluate(DEFAULT_RULES, 'esas-r', score('esas-r', { ...ESAS0, pain: 10, anxiety: 7 }), null);
    expect(out.map((f) => [f.rule.id, f.reasons.map((r) => r.params?.item)])).toEqual([['esas.urgent', ['pain']], ['esas.severe', ['anxiety']]]);
  });

  it.each([
    [2, 3, []],
    [2, 4, ['esas.worsening:high', 'esas.moderate:moderate']],
    [0, 1, []],
    [0, 2, ['esas.worsening:high']],
    [5, 7, ['esas.severe:high', 'esas.worsening:high']],
    [6, 4, ['esas.moderate:moderate']],
  ])('worsening: pain %i then %i -> %o', (before, now, expected) => expect(fired('esas-r', { ...ESAS0, pain: now }, { ...ESAS0, pain: before })).toEqual(expected));

  it('the total is the sum of the nine items (0-90)', () => {
    expect(score('esas-r', { pain: 10, tiredness: 10, drowsiness: 10, nausea: 10, appetite: 10, shortness_of_breath: 10, depression: 10, anxiety: 10, wellbeing: 10 }).total).toBe(90);
  });
});

describe('PHQ-9 (Kroenke 2001; item 9 >= 1 urgent whatever the total)', () => {
  it.each([
    [{ item9: 0 }, []],
    [{ item9: 1 }, ['phq9.selfharm:urgent']],
    [{ item9: 3 }, ['phq9.selfharm:urgent']],
    [{ item1: 3, item2: 3, item3: 3 }, []],
    [{ item1: 3, item2: 3, item3: 3, item4: 1 }, ['phq9.total:moderate']],
    [{ item1: 3, item2: 3, item3: 3, item4: 1, item9: 1 }, ['phq9.selfharm:urgent', 'phq9.total:moderate']],
  ])('%o -> %o', (answers, expected) => expect(fired('phq-9', { ...PHQ0, ...answers })).toEqual(expected));

  it.each([
    [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'moderately_severe'], [19, 'moderately_severe'], [20, 'severe'], [27, 'severe'],
  ])('total %i is %s', (total, band) => {
    const answers: Record<string, number> = { ...PHQ0 };
    let left = total;
    for (const k of Object.keys(answers).slice(0, 8).concat('item9')) {
      answers[k] = Math.min(3, left);
      left -= answers[k]!;
    }
    expect(score('phq-9', answers)).toMatchObject({ total, band });
  });
});

describe('NCCN Distress Thermometer (>= 4 significant; >= 7 severe)', () => {
  it.each([
    [3, []],
    [4, ['dt.significant:moderate']],
    [6, ['dt.significant:moderate']],
    [7, ['dt.severe:high']],
    [10, ['dt.severe:high']],
  ])('score %i -> %o', (s, expected) => expect(fired('distress-thermometer', { score: s, problems: [] })).toEqual(expected));

  it('routes by the problem categories ticked', () => {
    expect(score('distress-thermometer', { score: 5, problems: ['housing', 'worry', 'sadness'] }).problemCategories).toEqual(['practical', 'emotional']);
  });

  it('worsening by 2 is high even below 7', () => {
    expect(fired('distress-thermometer', { score: 5, problems: [] }, { score: 3, problems: [] })).toEqual(['dt.worsening:high', 'dt.significant:moderate']);
    expect(fired('distress-thermometer', { score: 4, problems: [] }, { score: 3, problems: [] })).toEqual(['dt.significant:moderate']);
  });
});

describe('ECOG (a rise of >= 1 grade, or >= 3, prompts review)', () => {
  it.each([
    [2, undefined, []],
    [3, undefined, ['ecog.poor:moderate']],
    [1, 1, []],
    [2, 1, ['ecog.rise:moderate']],
    [3, 2, ['ecog.poor:moderate', 'ecog.rise:moderate']],
    [2, 3, []],
  ])('grade %i after %s -> %o', (grade, before, expected) => expect(fired('ecog', { grade }, before === undefined ? undefined : { grade: before })).toEqual(expected));
});

describe('PRO-CTCAE (any attribute >= 3, or +2 since the previous report)', () => {
  it.each([
    [{ nausea_severity: 2 }, undefined, []],
    [{ nausea_severity: 3 }, undefined, ['proctcae.severe:high']],
    [{ pain_interference: 4 }, undefined, ['proctcae.severe:high']],
    [{ diarrhea_frequency: 1 }, { diarrhea_frequency: 0 }, []],
    [{ diarrhea_frequency: 2 }, { diarrhea_frequency: 0 }, ['proctcae.worsening:high']],
    [{ fatigue_severity: 3 }, { fatigue_severity: 1 }, ['proctcae.severe:high', 'proctcae.worsening:high']],
  ])('%o after %o -> %o', (answers, before, expected) => expect(fired('pro-ctcae', { ...PRO0, ...answers }, before ? { ...PRO0, ...before } : undefined)).toEqual(expected));

  it('covers the core subset named in the issue', () => {
    for (const s of ['pain', 'fatigue', 'nausea', 'vomiting', 'diarrhea', 'constipation', 'decreased_appetite', 'shortness_of_breath', 'insomnia', 'numbness_tingling', 'anxiety', 'sad_unhappy']) {
      expect(PRO_CTCAE_ITEMS.some((i) => i.startsWith(`${s}_`))).toBe(true);
    }
  });
});

describe('rules are data', () => {
  it('an organization that raises the ESAS severe threshold to 8 gets that behaviour without code changes', () => {
    const rules = DEFAULT_RULES.map((r) => (r.id === 'esas.severe' ? { ...r, min: 8 } : r.id === 'esas.moderate' ? { ...r, max: 7 } : r));
    const out = evaluate(rules, 'esas-r', score('esas-r', { ...ESAS0, pain: 7 }), null).map((f) => f.rule.id);
    expect(out).toEqual(['esas.moderate']);
  });

  it('every rule names a source', () => {
    for (const r of DEFAULT_RULES) expect(r.source).toMatch(/\w/);
    expect(DEFAULT_RULES.filter((r) => r.severity === 'urgent').every((r) => !r.snoozable)).toBe(true);
  });
});
