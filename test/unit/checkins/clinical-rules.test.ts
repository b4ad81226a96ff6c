import { beforeAll, describe, expect, it } from 'vitest';
import { chooseCrisis } from '../../../src/alerts/crisis.ts';
import { alertBurden, type MeasuredAlert } from '../../../src/alerts/measures.ts';
import { renderReason } from '../../../src/alerts/service.ts';
import { answersSchema } from '../../../src/contracts/checkins.ts';
import { CrisisData, Ladder, RuleDefinition, RuleDraft } from '../../../src/contracts/rules.ts';
import { burden, type ReplayCheckin } from '../../../src/checkins/preview.ts';
import { DEFAULT_CRISIS, DEFAULT_LADDER, DEFAULT_RULES, SOURCES } from '../../../src/checkins/rule-defaults.ts';
import { evaluate, score } from '../../../src/checkins/rules.ts';
import { initI18n } from '../../../src/platform/i18n.ts';

beforeAll(async () => {
  await initI18n();
});

const ESAS0 = { pain: 0, tiredness: 0, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 };
const ON = { on_systemic_therapy: true };
const feverFired = (answers: Record<string, unknown>, patient = ON) =>
  evaluate(DEFAULT_RULES, 'fever', score('fever', answersSchema('fever').parse(answers)), null, patient).map((f) => `${f.rule.id}:${f.rule.severity}`);

describe('fever during systemic therapy (ASCO/IDSA 2018, NCCN): held boundary vectors', () => {
  it.each([
    [{ temperature: 37.9, fever_or_chills: 0 }, []],
    [{ temperature: 38.0, fever_or_chills: 0 }, ['fever.temperature:urgent']],
    [{ temperature: 100.3, unit: 'F', fever_or_chills: 0 }, []],
    [{ temperature: 100.4, unit: 'F', fever_or_chills: 0 }, ['fever.temperature:urgent']],
    [{ fever_or_chills: 1 }, ['fever.reported:urgent']],
    [{ temperature: 39.2, fever_or_chills: 1 }, ['fever.temperature:urgent', 'fever.reported:urgent']],
  ])('on therapy: %o -> %o', (answers, expected) => expect(feverFired(answers)).toEqual(expected));

  it('not on systemic therapy: 38.0 °C and a yes raise nothing', () => {
    expect(feverFired({ temperature: 38.0, fever_or_chills: 1 }, { on_systemic_therapy: false })).toEqual([]);
    expect(feverFired({ temperature: 40, fever_or_chills: 1 }, {} as typeof ON)).toEqual([]);
  });

  it('°F is converted exactly (100.4 °F = 38.00 °C) and implausible readings are refused', () => {
    expect(score('fever', answersSchema('fever').parse({ temperature: 100.4, unit: 'F', fever_or_chills: 0 })).items.temperature_c).toBe(38);
    expect(answersSchema('fever').safeParse({ temperature: 50, fever_or_chills: 0 }).success).toBe(false);
    expect(answersSchema('fever').safeParse({ temperature: 38, unit: 'K', fever_or_chills: 0 }).success).toBe(false);
  });

  it('the reason names the rule\'s own threshold, in every language', () => {
    const [f] = evaluate(DEFAULT_RULES, 'fever', score('fever', { temperature: 38.4, unit: 'C', fever_or_chills: 0 }), null, ON);
    expect(renderReason('en', f!.reasons[0]!).text).toBe('Temperature 38.4 °C during systemic therapy (urgent at 38 °C or more): possible febrile neutropenia.');
    const stricter = DEFAULT_RULES.map((r) => (r.id === 'fever.temperature' ? { ...r, min: 38.3 } : r));
    const [g] = evaluate(stricter, 'fever', score('fever', { temperature: 38.4, unit: 'C', fever_or_chills: 0 }), null, ON);
    expect(renderReason('es', g!.reasons[0]!).text).toContain('a partir de 38.3 °C');
  });
});

describe('Distress Thermometer problem categories route follow-up (NCCN)', () => {
  const dt = (s: number, problems: string[]) => evaluate(DEFAULT_RULES, 'distress-thermometer', score('distress-thermometer', { score: s, problems }), null);
  it('each ticked category is a reason with its service, on the DT alert', () => {
    const [alert] = dt(5, ['housing', 'worry', 'meaning_purpose', 'partner', 'pain']);
    expect(alert!.rule.id).toBe('dt.significant');
    expect(alert!.reasons.filter((r) => r.key === 'rules:reason.dtRoute').map((r) => [r.params!.category, r.params!.service])).toEqual([
      ['physical', 'nurse'],
      ['practical', 'social_work'],
      ['family_social', 'social_work'],
      ['emotional', 'psycho_oncology'],
      ['spiritual', 'chaplaincy'],
    ]);
    expect(renderReason('en', alert!.reasons.find((r) => r.params?.category === 'emotional')!).text).toBe('Problem area ticked: Emotional concerns. Follow-up by psycho-oncology.');
  });
  it('below the threshold nothing is routed; routing follows the rule data', () => {
    expect(dt(3, ['housing'])).toEqual([]);
    const rules = DEFAULT_RULES.map((r) => (r.id === 'dt.severe' && r.kind === 'item_range' ? { ...r, routing: { ...r.routing!, practical: 'nurse' as const } } : r));
    const [alert] = evaluate(rules, 'distress-thermometer', score('distress-thermometer', { score: 8, problems: ['housing'] }), null);
    expect(alert!.reasons.at(-1)!.params).toEqual({ category: 'practical', service: 'nurse' });
  });
});

describe('reason texts take their numbers from the rule', () => {
  it('moderate ESAS with a maximum of 7 says "4 to 7", not "to 6"', () => {
    const rules = DEFAULT_RULES.map((r) => (r.id === 'esas.moderate' ? { ...r, max: 7 } : r.id === 'esas.severe' ? { ...r, min: 8 } : r));
    const [f] = evaluate(rules, 'esas-r', score('esas-r', { ...ESAS0, nausea: 7 }), null);
    expect(renderReason('en', f!.reasons[0]!).text).toBe('Nausea rated 7: moderate (4 to 7).');
  });
});

describe('ESAS-r item 10 and ECOG self-report', () => {
  it('the 10th item is optional, named by the patient, rated 0-10, outside the total of the 9', () => {
    expect(answersSchema('esas-r').safeParse(ESAS0).success).toBe(true);
    expect(answersSchema('esas-r').safeParse({ ...ESAS0, other: 8 }).success).toBe(false);
    const answers = answersSchema('esas-r').parse({ ...ESAS0, pain: 2, other: 8, otherProblem: 'itching' });
    const s = score('esas-r', answers);
    expect(s.total).toBe(2);
    const [f] = evaluate(DEFAULT_RULES, 'esas-r', s, null);
    expect(renderReason('en', f!.reasons[0]!).text).toBe('Other problem: itching rated 8: severe (7 or more).');
  });
  it('ECOG 5 (death) cannot be self-reported', () => {
    expect(answersSchema('ecog').safeParse({ grade: 4 }).success).toBe(true);
    expect(answersSchema('ecog').safeParse({ grade: 5 }).success).toBe(false);
  });
});

describe('ladder schema (CLINICAL.md)', () => {
  it('the defaults are CLINICAL.md: urgent 15 min on-call then lead; high 4 working hours on-call; moderate 2 working days overdue', () => {
    expect(DEFAULT_LADDER).toMatchObject({
      urgent: { ack: { amount: 15, unit: 'minutes' }, steps: ['on_call', 'clinical_lead'] },
      high: { ack: { amount: 4, unit: 'working_hours' }, steps: ['on_call'] },
      moderate: { ack: { amount: 2, unit: 'working_days' }, steps: ['overdue'] },
    });
    expect(Ladder.safeParse(DEFAULT_LADDER).success).toBe(true);
  });
  it('refuses an urgent level in working time or without steps', () => {
    expect(Ladder.safeParse({ ...DEFAULT_LADDER, urgent: { ack: { amount: 1, unit: 'working_days' }, steps: ['on_call'] } }).success).toBe(false);
    expect(Ladder.safeParse({ ...DEFAULT_LADDER, urgent: { ack: { amount: 15, unit: 'minutes' }, steps: [] } }).success).toBe(false);
  });
  it('refuses a snoozable urgent rule and a draft whose rule cites no source', () => {
    expect(RuleDefinition.safeParse({ ...DEFAULT_RULES[0], snoozable: true }).success).toBe(false);
    expect(RuleDraft.safeParse({ rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, crisis: DEFAULT_CRISIS, sources: SOURCES }).success).toBe(true);
    expect(RuleDraft.safeParse({ rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, crisis: DEFAULT_CRISIS, sources: SOURCES.filter((s) => s.id !== 'selby2010') }).success).toBe(false);
  });
  it('the ladder and the crisis data cite a listed source too; source ids are unique; older versions without one still parse', () => {
    const draft = { rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, crisis: DEFAULT_CRISIS, sources: SOURCES };
    expect([DEFAULT_LADDER.source, DEFAULT_CRISIS.source]).toEqual(['wayfinder-ladder', 'crisis-lines']);
    expect(RuleDraft.safeParse({ ...draft, sources: SOURCES.filter((s) => s.id !== 'wayfinder-ladder') }).success).toBe(false);
    expect(RuleDraft.safeParse({ ...draft, crisis: { ...DEFAULT_CRISIS, source: 'nowhere' } }).success).toBe(false);
    expect(RuleDraft.safeParse({ ...draft, sources: [...SOURCES, { id: 'selby2010', citation: 'a second Selby' }] }).success).toBe(false);
    const { source: _ladder, ...oldLadder } = DEFAULT_LADDER;
    const { source: _crisis, ...oldCrisis } = DEFAULT_CRISIS;
    expect(RuleDraft.safeParse({ ...draft, ladder: oldLadder, crisis: oldCrisis }).success).toBe(true);
  });
});

describe('crisis resources are chosen by country, shown in the patient\'s language', () => {
  it('a Spanish speaker in the US gets the US numbers in Spanish; an English speaker in Spain gets Spain\'s in English', () => {
    expect(chooseCrisis(DEFAULT_CRISIS, 'US', 'es')).toMatchObject({ country: 'US', emergency: '911', lines: [{ phone: '988', name: '988 Línea de Prevención del Suicidio y Crisis (llame o envíe un mensaje)' }] });
    const spain = chooseCrisis(DEFAULT_CRISIS, 'ES', 'en');
    expect(spain).toMatchObject({ country: 'ES', emergency: '112' });
    expect(spain.lines.map((l) => l.phone)).toEqual(['024', '717 003 717']);
    expect(spain.lines.map((l) => l.phone)).not.toContain('988');
  });
  it('an unknown country falls back to the organization\'s default; a missing translation to English', () => {
    expect(chooseCrisis(DEFAULT_CRISIS, 'FR', 'en').country).toBe('ES');
    expect(chooseCrisis(DEFAULT_CRISIS, null, 'en').country).toBe('ES');
    const data = CrisisData.parse({ defaultCountry: 'GB', countries: { GB: { emergency: '999', oncologyHotline: { phone: '0800 123 456', hours: '24/7' }, lines: [{ phone: '116 123', name: { en: 'Samaritans' }, hours: '24/7', languages: ['en'] }] } } });
    expect(chooseCrisis(data, 'GB', 'ar')).toMatchObject({ emergency: '999', oncologyHotline: { phone: '0800 123 456' }, lines: [{ name: 'Samaritans' }] });
    expect(CrisisData.safeParse({ defaultCountry: 'US', countries: { GB: data.countries.GB } }).success).toBe(false);
  });
});

const at = (iso: string) => new Date(iso);
const alert = (over: Partial<MeasuredAlert>): MeasuredAlert => ({ severity: 'high', source: 'checkin', status: 'open', createdAt: at('2026-11-02T09:00:00Z'), dueAt: at('2026-11-02T13:00:00Z'), acknowledgedAt: null, resolvedAt: null, resolutionAction: null, ...over });

describe('alert-burden measures, exactly as CLINICAL.md defines them (worked example)', () => {
  // 20 check-ins; 5 alerts raised from them, 1 from a chat message, 2 suppressed (snoozed symptoms).
  const rows: MeasuredAlert[] = [
    alert({ acknowledgedAt: at('2026-11-02T10:00:00Z'), resolvedAt: at('2026-11-02T11:00:00Z'), resolutionAction: 'called_patient', status: 'resolved' }), // in time; 120 min to action
    alert({ acknowledgedAt: at('2026-11-02T14:00:00Z'), resolvedAt: at('2026-11-02T15:00:00Z'), resolutionAction: 'no_action_needed', status: 'resolved' }), // late; 360 min
    alert({ acknowledgedAt: at('2026-11-02T12:00:00Z'), status: 'acknowledged' }), // in time, not resolved
    alert({}), // deadline passed, never acknowledged: counts against
    alert({ createdAt: at('2026-11-03T09:00:00Z'), dueAt: at('2026-11-03T13:00:00Z') }), // still inside its deadline: not judged yet
    alert({ source: 'message', severity: 'urgent', dueAt: at('2026-11-02T09:15:00Z'), acknowledgedAt: at('2026-11-02T09:10:00Z'), resolvedAt: at('2026-11-02T09:30:00Z'), resolutionAction: 'er_advised', status: 'resolved' }), // 30 min
    alert({ status: 'suppressed' }),
    alert({ status: 'suppressed', severity: 'moderate' }),
  ];
  const m = alertBurden(rows, 20, at('2026-11-03T10:00:00Z'));
  it('alerts per 100 check-ins: 5 check-in alerts / 20 check-ins = 25 (suppressed left out)', () => expect(m.alertsPer100Checkins).toBe(25));
  it('acknowledged in time: 3 of the 5 judged alerts (one not yet due is left out)', () => expect(m.ackInTimeShare).toBe(3 / 5));
  it('median time to action: raise to documented resolution, median of 30, 120, 360 min = 120', () => expect(m.medianMinutesToAction).toBe(120));
  it('resolved as "no action needed": 1 of 3', () => expect(m.noActionShare).toBe(1 / 3));
  it('suppressed are counted apart', () => expect([m.alerts, m.suppressed, m.bySeverity]).toEqual([6, 2, { urgent: 1, high: 5, moderate: 0 }]));
});

describe('replay preview on a fixed history', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
  const history: ReplayCheckin[] = [
    { id: 'c1', patientId: 'p1', instrument: 'esas-r', scores: score('esas-r', { ...ESAS0, nausea: 5 }), submittedAt: day(2) },
    { id: 'c2', patientId: 'p1', instrument: 'esas-r', scores: { ...score('esas-r', { ...ESAS0, nausea: 7 }), previousId: 'c1' }, submittedAt: day(9) },
    { id: 'c3', patientId: 'p2', instrument: 'esas-r', scores: score('esas-r', { ...ESAS0, pain: 6 }), submittedAt: day(3) },
    { id: 'c4', patientId: 'p2', instrument: 'fever', scores: score('fever', { temperature: 38.1, unit: 'C', fever_or_chills: 0 }), submittedAt: day(4) },
    { id: 'c5', patientId: 'p3', instrument: 'distress-thermometer', scores: score('distress-thermometer', { score: 3, problems: [] }), submittedAt: day(5) },
  ];
  const previous = new Map(history.map((c) => [c.id, c.scores]));
  const contexts = new Map([['p2', { on_systemic_therapy: true }]]);
  it('counts per severity and names the patients, under the current and a draft rule set', () => {
    const current = burden(DEFAULT_RULES, history, previous, contexts);
    expect(current).toEqual({
      checkins: 5,
      alerts: 5,
      alertsPer100Checkins: 100,
      // p1's second report is severe (7) and worse by 2: two high alerts, as raiseAlert would raise.
      bySeverity: { urgent: { alerts: 1, patients: ['p2'] }, high: { alerts: 2, patients: ['p1'] }, moderate: { alerts: 2, patients: ['p1', 'p2'] } },
    });
    // Draft: ESAS moderate from 6 (not 4), DT significant from 3: p1's first report no longer alerts, p3 now does.
    const draft = DEFAULT_RULES.map((r) => (r.id === 'esas.moderate' ? { ...r, min: 6 } : r.id === 'dt.significant' ? { ...r, min: 3 } : r));
    expect(burden(draft, history, previous, contexts).bySeverity.moderate).toEqual({ alerts: 2, patients: ['p2', 'p3'] });
  });
});
