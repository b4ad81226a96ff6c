import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../i18n.ts';
import { dateTimeFormat } from '../shell/time.ts';
import { ResolveForm } from './AlertActions.tsx';
import type { ResolutionAction } from './api.ts';
import type { AlertGroup, TriageCard as Card } from './grouping.ts';

export interface CardActions {
  acknowledge: (card: Card) => void;
  resolve: (card: Card, body: { action: ResolutionAction; note?: string }) => void;
  toggleResolve: (card: Card) => void;
}

/** What one check-in (or message) raised: source and time, deadline, every reason with its severity. */
function GroupBody({ group, headingLevel }: { group: AlertGroup; headingLevel: 'h3' | 'p' }) {
  const { t, i18n } = useTranslation(['triage', 'checkins']);
  const fmt = dateTimeFormat(i18n.language);
  const Heading = headingLevel;
  const open = group.alerts.some((a) => a.status === 'open');
  return (
    <>
      <Heading className="alert-meta">
        <Link to={`/navigator/alerts/${group.alerts[0]!.id}`}>{t('triage:raisedBy', { source: t(`checkins:ui.triage.source.${group.source}`), time: fmt.format(new Date(group.createdAt)) })}</Link>
        {' · '}
        {open ? <span className={group.overdue ? 'overdue' : ''}>{group.overdue ? t('checkins:ui.triage.overdue') : t('checkins:ui.triage.due', { time: fmt.format(new Date(group.dueAt)) })}</span> : t('checkins:ui.triage.status.acknowledged')}
      </Heading>
      <ul className="reason-list">
        {group.alerts.flatMap((a) => a.reasons.map((r, i) => (
          <li key={`${a.id}-${i}`}>
            <span className={`sev sev-${a.severity}`}>{t(`checkins:ui.triage.severity.${a.severity}`)}</span> {r.text}
            {a.status !== 'open' && <span className="muted small"> ({t(`checkins:ui.triage.status.${a.status}`)})</span>}
          </li>
        )))}
      </ul>
    </>
  );
}

/**
 * One patient on the triage queue: the most pressing check-in with all its reasons and actions on all
 * its alerts at once, the patient's other open alerts folded under it. The card itself takes focus so
 * the page's shortcuts act on it (they are active only while focus is inside the queue).
 */
export function TriageCard({ card, tabbable, resolving, busy, error, actions }: { card: Card; tabbable: boolean; resolving: boolean; busy: boolean; error: unknown; actions: CardActions }) {
  const { t } = useTranslation(['triage', 'checkins']);
  const { lead } = card;
  const openCount = lead.alerts.filter((a) => a.status === 'open').length;
  const headingId = `card-${card.patientId}`;
  return (
    <li className={`card alert-card severity-${lead.severity}`} tabIndex={tabbable ? 0 : -1} data-card={card.patientId} aria-labelledby={headingId}>
      <h2 id={headingId} className="alert-head">
        <span className={`sev sev-${lead.severity}`}>{t(`checkins:ui.triage.severity.${lead.severity}`)}</span>{' '}
        <Link to={`/navigator/patients/${card.patientId}`}>{card.patientName}</Link>
      </h2>
      <GroupBody group={lead} headingLevel="p" />
      <div className="action-row">
        {openCount > 0 && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => actions.acknowledge(card)}>
            {t('triage:acknowledge', { count: openCount })}
          </button>
        )}
        <button type="button" className="button button-secondary" aria-expanded={resolving} onClick={() => actions.toggleResolve(card)}>
          {t('triage:resolve', { count: lead.alerts.length })}
        </button>
      </div>
      {resolving && <ResolveForm id={card.patientId} busy={busy} autoFocus onSubmit={(body) => actions.resolve(card, body)} />}
      {error !== undefined && <p role="alert" className="field-error">{errorMessage(t, error)}</p>}
      {card.others.length > 0 && (
        <details className="folded">
          <summary>{t('triage:others', { count: card.others.length })}</summary>
          <ul className="plain-list">
            {card.others.map((g) => (
              <li key={g.key} className={`folded-group severity-${g.severity}`}>
                <GroupBody group={g} headingLevel="h3" />
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
