import type { CrisisData, DtRouting, Ladder, RuleDefinition, RuleSource } from '../contracts/rules.ts';

/**
 * The product's default clinical rules (CLINICAL.md), as data with their sources. They are version
 * DEFAULTS_VERSION of the default rule set (org_id null); an organization's clinical lead edits a copy.
 * CLINICAL.md's tables can be read off this file (test/unit/checkins/clinical-md-rows.test.ts does, row by row).
 */
export const DEFAULTS_VERSION = 3;

export const SOURCES: RuleSource[] = [
  { id: 'selby2010', citation: 'Selby D, et al. A single set of numerical cutpoints to define moderate and severe symptoms for the ESAS. J Pain Symptom Manage 2010' },
  { id: 'watanabe2011', citation: 'Watanabe SM, et al. A multicenter study comparing two numerical versions of the ESAS (ESAS-r, with the optional 10th "other problem" item). J Pain Symptom Manage 2011' },
  { id: 'nccn-dt', citation: 'NCCN Clinical Practice Guidelines: Distress Management (Distress Thermometer >= 4; problem list routed to nursing, social work, psycho-oncology, chaplaincy)' },
  { id: 'kroenke2001', citation: 'Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001 (bands; item 9, LOINC 44260-8)' },
  { id: 'basch2016', citation: 'Basch E, et al. JCO 2016; JAMA 2017 (STAR: alerts on severe or worsening symptoms)' },
  { id: 'basch-protect', citation: 'Basch E, et al. PRO-TECT 2022-2025 (alert thresholds; action within 72 h)' },
  { id: 'ecog', citation: 'Oken MM, et al. ECOG performance status. Am J Clin Oncol 1982' },
  { id: 'asco-idsa-2018', citation: 'Taplitz RA, et al. Outpatient management of fever and neutropenia in adults treated for malignancy: ASCO/IDSA clinical practice guideline update. J Clin Oncol 2018;36:1443-1453' },
  { id: 'nccn-infections', citation: 'NCCN Clinical Practice Guidelines: Prevention and Treatment of Cancer-Related Infections (fever >= 38.0 °C during chemotherapy needs same-day assessment)' },
  { id: 'hui2016', citation: 'Hui D, et al. Referral criteria for outpatient palliative cancer care. Lancet Oncol 2016' },
  { id: 'wayfinder-ladder', citation: 'CLINICAL.md ladder: urgent 15 min then on-call navigator then clinical lead; high 4 working hours then on-call navigator; moderate 2 working days, flagged overdue' },
  { id: 'crisis-lines', citation: '988 Suicide & Crisis Lifeline (SAMHSA, US); Línea 024 de atención a la conducta suicida (Ministerio de Sanidad, España); 112/911 emergency numbers' },
];

/** NCCN Distress Management: who takes up each problem category of the Distress Thermometer. */
export const DEFAULT_DT_ROUTING: DtRouting = { physical: 'nurse', practical: 'social_work', family_social: 'social_work', emotional: 'psycho_oncology', spiritual: 'chaplaincy' };

export const DEFAULT_RULES: RuleDefinition[] = [
  { id: 'esas.urgent', instrument: 'esas-r', kind: 'item_range', items: ['pain', 'shortness_of_breath'], min: 10, severity: 'urgent', reason: 'reason.itemUrgent', source: 'selby2010', snoozable: false },
  { id: 'esas.severe', instrument: 'esas-r', kind: 'item_range', items: 'all', min: 7, severity: 'high', reason: 'reason.itemSevere', source: 'selby2010', snoozable: true },
  { id: 'esas.moderate', instrument: 'esas-r', kind: 'item_range', items: 'all', min: 4, max: 6, severity: 'moderate', reason: 'reason.itemModerate', source: 'selby2010', snoozable: true },
  { id: 'esas.worsening', instrument: 'esas-r', kind: 'worsening', items: 'all', rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch2016', snoozable: true },
  { id: 'dt.severe', instrument: 'distress-thermometer', kind: 'item_range', items: ['score'], min: 7, severity: 'high', reason: 'reason.distressSevere', source: 'nccn-dt', snoozable: true, routing: DEFAULT_DT_ROUTING },
  { id: 'dt.significant', instrument: 'distress-thermometer', kind: 'item_range', items: ['score'], min: 4, max: 6, severity: 'moderate', reason: 'reason.distressSignificant', source: 'nccn-dt', snoozable: true, routing: DEFAULT_DT_ROUTING },
  { id: 'dt.worsening', instrument: 'distress-thermometer', kind: 'worsening', items: ['score'], rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch2016', snoozable: true },
  { id: 'phq9.selfharm', instrument: 'phq-9', kind: 'item_range', items: ['item9'], min: 1, severity: 'urgent', reason: 'reason.selfHarm', source: 'kroenke2001', snoozable: false },
  { id: 'phq9.total', instrument: 'phq-9', kind: 'total_range', min: 10, severity: 'moderate', reason: 'reason.phqTotal', source: 'kroenke2001', snoozable: true },
  { id: 'proctcae.severe', instrument: 'pro-ctcae', kind: 'item_range', items: 'all', min: 3, severity: 'high', reason: 'reason.itemSevere', source: 'basch-protect', snoozable: true },
  { id: 'proctcae.worsening', instrument: 'pro-ctcae', kind: 'worsening', items: 'all', rise: 2, severity: 'high', reason: 'reason.worsening', source: 'basch-protect', snoozable: true },
  { id: 'ecog.poor', instrument: 'ecog', kind: 'item_range', items: ['grade'], min: 3, severity: 'moderate', reason: 'reason.ecogPoor', source: 'ecog', snoozable: true },
  { id: 'ecog.rise', instrument: 'ecog', kind: 'worsening', items: ['grade'], rise: 1, severity: 'moderate', reason: 'reason.ecogRise', source: 'ecog', snoozable: true },
  { id: 'fever.temperature', instrument: 'fever', kind: 'item_range', items: ['temperature_c'], min: 38, severity: 'urgent', reason: 'rules:reason.fever', source: 'asco-idsa-2018', snoozable: false, when: 'on_systemic_therapy' },
  { id: 'fever.reported', instrument: 'fever', kind: 'item_range', items: ['fever_or_chills'], min: 1, severity: 'urgent', reason: 'rules:reason.feverReported', source: 'nccn-infections', snoozable: false, when: 'on_systemic_therapy' },
];

export const DEFAULT_LADDER: Ladder = {
  urgent: { ack: { amount: 15, unit: 'minutes' }, steps: ['on_call', 'clinical_lead'] },
  high: { ack: { amount: 4, unit: 'working_hours' }, steps: ['on_call'] },
  moderate: { ack: { amount: 2, unit: 'working_days' }, steps: ['overdue'] },
  reminderAfter: { amount: 24, unit: 'hours' },
  taskAfter: { amount: 72, unit: 'hours' },
  source: 'wayfinder-ladder',
};

/** Crisis resources of the demo network's country (Spain) and the US; an organization adds its own. */
export const DEFAULT_CRISIS: CrisisData = {
  defaultCountry: 'ES',
  source: 'crisis-lines',
  countries: {
    ES: {
      emergency: '112',
      lines: [
        { phone: '024', name: { en: 'Line 024, suicidal behaviour helpline', es: 'Línea 024 de atención a la conducta suicida', ar: 'الخط 024 للمساعدة في حالات السلوك الانتحاري' }, hours: '24/7', languages: ['es', 'en'] },
        { phone: '717 003 717', name: { en: 'Teléfono de la Esperanza (listening line)', es: 'Teléfono de la Esperanza', ar: 'هاتف الأمل (خط الاستماع)' }, hours: '24/7', languages: ['es'] },
      ],
    },
    US: {
      emergency: '911',
      lines: [{ phone: '988', name: { en: '988 Suicide & Crisis Lifeline (call or text)', es: '988 Línea de Prevención del Suicidio y Crisis (llame o envíe un mensaje)', ar: 'خط 988 للوقاية من الانتحار والأزمات (اتصال أو رسالة)' }, hours: '24/7', languages: ['en', 'es'] }],
    },
  },
};
