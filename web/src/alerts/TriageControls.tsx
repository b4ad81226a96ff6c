import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../src/contracts/alerts.ts';
import { api } from '../api.ts';

export const QUEUE_STATUSES = ['active', 'open', 'acknowledged', 'resolved', 'all'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const NAVIGATORS_KEY = '/api/alerts/navigators';
export const useNavigators = () => useQuery({ queryKey: [NAVIGATORS_KEY], queryFn: () => api.get<{ navigators: Array<{ id: string; name: string }> }>(NAVIGATORS_KEY) });

/** Filters by state (asked of the server), severity and assignee (applied to the loaded queue). */
export function TriageFilters(props: {
  status: QueueStatus;
  severity: AlertSeverity | '';
  assignee: string;
  onStatus: (s: QueueStatus) => void;
  onSeverity: (s: AlertSeverity | '') => void;
  onAssignee: (a: string) => void;
}) {
  const { t } = useTranslation(['triage', 'checkins']);
  const navigators = useNavigators();
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="f-status">{t('checkins:ui.triage.filterStatus')}</label>
        <select id="f-status" value={props.status} onChange={(e) => props.onStatus(e.target.value as QueueStatus)}>
          {QUEUE_STATUSES.map((s) => <option key={s} value={s}>{t(`checkins:ui.triage.status.${s}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-severity">{t('checkins:ui.triage.filterSeverity')}</label>
        <select id="f-severity" value={props.severity} onChange={(e) => props.onSeverity(e.target.value as AlertSeverity | '')}>
          <option value="">{t('checkins:ui.triage.any')}</option>
          {ALERT_SEVERITIES.map((s) => <option key={s} value={s}>{t(`checkins:ui.triage.severity.${s}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-assignee">{t('triage:assignee')}</label>
        <select id="f-assignee" value={props.assignee} onChange={(e) => props.onAssignee(e.target.value)}>
          <option value="">{t('triage:assigneeAny')}</option>
          <option value="me">{t('triage:assigneeMe')}</option>
          <option value="none">{t('triage:assigneeNone')}</option>
          {navigators.data?.navigators.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </select>
      </div>
    </form>
  );
}

/** The queue's keyboard shortcuts, documented where they are used; active only while focus is in the queue. */
export function TriageShortcuts() {
  const { t } = useTranslation('triage');
  return (
    <details className="shortcuts" id="triage-keys">
      <summary>{t('keys.title')}</summary>
      <p>{t('keys.intro')}</p>
      <dl className="key-list">
        {(['move', 'acknowledge', 'resolve', 'open'] as const).map((k) => (
          <div key={k}>
            <dt><kbd>{t(`keys.${k}Key`)}</kbd></dt>
            <dd>{t(`keys.${k}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
