import type { AlertSeverity } from '../contracts/alerts.ts';
import { ALERT_SEVERITIES } from '../contracts/alerts.ts';
import type { CheckinScores, InstrumentId } from '../contracts/checkins.ts';
import type { RuleDefinition } from '../contracts/rules.ts';
import { evaluate, type PatientContext } from './rules.ts';

export interface ReplayCheckin {
  id: string;
  patientId: string;
  instrument: InstrumentId;
  scores: CheckinScores;
  submittedAt: Date;
}

export interface Burden {
  checkins: number;
  alerts: number;
  /** CLINICAL.md "alerts per 100 check-ins", for alerts raised from check-ins. */
  alertsPer100Checkins: number | null;
  bySeverity: Record<AlertSeverity, { alerts: number; patients: string[] }>;
}

/**
 * The alert burden a set of rules would have produced on a fixed history of check-ins: each check-in
 * evaluated against the patient's previous report of the same instrument, as at submission, one alert
 * per rule that fires (as raiseAlert does). Snoozes are left out: they are a navigator's decision about
 * one patient, not a property of the rules.
 */
export function burden(rules: RuleDefinition[], history: ReplayCheckin[], previousScores: Map<string, CheckinScores>, contexts: Map<string, PatientContext>): Burden {
  const bySeverity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, { alerts: 0, patients: new Set<string>() }])) as Record<AlertSeverity, { alerts: number; patients: Set<string> }>;
  let alerts = 0;
  for (const c of history) {
    const previous = c.scores.previousId ? (previousScores.get(c.scores.previousId) ?? null) : null;
    for (const fired of evaluate(rules, c.instrument, c.scores, previous, contexts.get(c.patientId) ?? {})) {
      alerts++;
      bySeverity[fired.rule.severity].alerts++;
      bySeverity[fired.rule.severity].patients.add(c.patientId);
    }
  }
  return {
    checkins: history.length,
    alerts,
    alertsPer100Checkins: history.length ? Math.round((alerts / history.length) * 1000) / 10 : null,
    bySeverity: Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, { alerts: bySeverity[s].alerts, patients: [...bySeverity[s].patients].sort() }])) as Burden['bySeverity'],
  };
}
