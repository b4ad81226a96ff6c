import { raiseAlert } from '../alerts/service.ts';
import { patientContext } from '../checkins/service.ts';
import type { Deps } from '../platform/context.ts';
import type { CrisisMatch } from './crisis.ts';

export const CRISIS_RULE_ID = 'messaging.crisis';

/**
 * The matches that are urgent for this patient: fever only during systemic therapy (the same condition
 * as the check-in fever rule, decision 0204); the other categories always.
 */
export async function urgentMatches(deps: Deps, patientId: string, matches: CrisisMatch[]): Promise<CrisisMatch[]> {
  if (!matches.some((m) => m.category === 'fever')) return matches;
  const onTherapy = (await patientContext(deps, patientId)).on_systemic_therapy === true;
  return matches.filter((m) => m.category !== 'fever' || onTherapy);
}

/**
 * Crisis language in a patient's message raises one urgent alert for the navigator through the alert
 * pipeline (CLINICAL.md: urgent, 15 min). raiseAlert is idempotent by source id and rule, so a retried
 * send raises nothing twice. Reasons are i18n keys; the message text never leaves the messages table.
 */
export async function raiseCrisisAlerts(deps: Deps, input: { patientId: string; messageId: string; matches: CrisisMatch[] }) {
  return raiseAlert(deps, {
    patientId: input.patientId,
    severity: 'urgent',
    source: 'message',
    sourceId: input.messageId,
    ruleId: CRISIS_RULE_ID,
    reasons: input.matches.map((m) => ({ key: `messaging:crisis.reason.${m.category}`, params: { rule: m.ruleId } })),
  });
}
