import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../../src/contracts/rules.ts';
import { DEFAULT_DT_ROUTING, DEFAULT_LADDER, DEFAULT_RULES, SOURCES } from '../../../src/checkins/rule-defaults.ts';

/** One rule as CLINICAL.md writes it ("ESAS 4-6", "PHQ-9 item 9 >= 1", "worsening >= 2 points"). */
function phrase(r: RuleDefinition): string {
  const name = { 'esas-r': 'ESAS', 'distress-thermometer': 'DT', 'phq-9': 'PHQ-9', 'pro-ctcae': 'PRO-CTCAE', ecog: 'ECOG', fever: 'fever' }[r.instrument];
  if (r.kind === 'worsening') return `${name} worsening >= ${r.rise}`;
  const what = r.kind === 'total_range' ? `${name} total` : r.items === 'all' ? name : `${name} ${r.items.join('/')}`;
  const range = r.max === undefined ? `>= ${r.min}` : `${r.min}-${r.max}`;
  return `${what} ${range}${r.when ? ` (${r.when})` : ''}`;
}

const bySeverity = (s: RuleDefinition['severity']) => DEFAULT_RULES.filter((r) => r.severity === s).map(phrase);

/**
 * CLINICAL.md "Alert severities and the escalation ladder (defaults)" and the instrument table, read off
 * the shipped rule data: a change to either side breaks this test.
 */
describe('CLINICAL.md tables, read off src/checkins/rule-defaults.ts', () => {
  it('urgent: PHQ-9 item 9 >= 1; ESAS pain or shortness of breath 10; fever during chemotherapy; 15 min; on-call then lead', () => {
    expect(bySeverity('urgent')).toEqual(['ESAS pain/shortness_of_breath >= 10', 'PHQ-9 item9 >= 1', 'fever temperature_c >= 38 (on_systemic_therapy)', 'fever fever_or_chills >= 1 (on_systemic_therapy)']);
    expect(DEFAULT_LADDER.urgent).toEqual({ ack: { amount: 15, unit: 'minutes' }, steps: ['on_call', 'clinical_lead'] });
  });
  it('high: ESAS >= 7, PRO-CTCAE >= 3, DT >= 7; worsening >= 2 points; 4 working hours; reassign to on-call', () => {
    expect(bySeverity('high')).toEqual(['ESAS >= 7', 'ESAS worsening >= 2', 'DT score >= 7', 'DT worsening >= 2', 'PRO-CTCAE >= 3', 'PRO-CTCAE worsening >= 2']);
    expect(DEFAULT_LADDER.high).toEqual({ ack: { amount: 4, unit: 'working_hours' }, steps: ['on_call'] });
  });
  it('moderate: ESAS 4-6; DT 4-6; PHQ-9 total >= 10 (and ECOG >= 3 or a rise of 1, "prompts review"); 2 working days; overdue', () => {
    expect(bySeverity('moderate')).toEqual(['ESAS 4-6', 'DT score 4-6', 'PHQ-9 total >= 10', 'ECOG grade >= 3', 'ECOG worsening >= 1']);
    expect(DEFAULT_LADDER.moderate).toEqual({ ack: { amount: 2, unit: 'working_days' }, steps: ['overdue'] });
  });
  it('urgent rules can never be snoozed; every rule names a listed source', () => {
    expect(DEFAULT_RULES.filter((r) => r.severity === 'urgent' && r.snoozable)).toEqual([]);
    expect(DEFAULT_RULES.filter((r) => !SOURCES.some((s) => s.id === r.source))).toEqual([]);
  });
  it('DT >= 4 is a referral routed by the problem categories ticked', () => {
    expect(DEFAULT_RULES.filter((r) => r.instrument === 'distress-thermometer' && r.kind === 'item_range').map((r) => [r.id, 'routing' in r ? r.routing : null])).toEqual([
      ['dt.severe', DEFAULT_DT_ROUTING],
      ['dt.significant', DEFAULT_DT_ROUTING],
    ]);
    expect(DEFAULT_DT_ROUTING).toEqual({ physical: 'nurse', practical: 'social_work', family_social: 'social_work', emotional: 'psycho_oncology', spiritual: 'chaplaincy' });
  });
});
