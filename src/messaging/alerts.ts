import { raiseAlert } from '../alerts/service.ts';
import type { Deps } from '../platform/context.ts';
import type { CrisisMatch } from './crisis.ts';

export const CRISIS_RULE_ID = 'messaging.crisis';

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
