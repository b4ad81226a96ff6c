import type { AcknowledgeModerateAnswer } from '../contracts/alerts.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { acknowledgeAlert, alertFor } from './service.ts';

/**
 * Acknowledges many moderate alerts at once (the triage queue's bulk action). Each alert goes through
 * the same access decision, audit and broadcast as a single acknowledgement; an urgent or high alert
 * is refused (forbidden) so that it is always looked at on its own. One refusal never stops the rest.
 */
export async function acknowledgeModerate(deps: Deps, actor: Actor, ids: string[]): Promise<AcknowledgeModerateAnswer> {
  const answer: AcknowledgeModerateAnswer = { acknowledged: [], refused: [] };
  for (const id of new Set(ids)) {
    try {
      const { row } = await alertFor(deps, actor, id);
      if (row.severity !== 'moderate') throw new AppError('forbidden', 'Only moderate alerts are acknowledged in bulk.');
      answer.acknowledged.push(await acknowledgeAlert(deps, actor, id));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      answer.refused.push({ id, code: err.code });
    }
  }
  return answer;
}
