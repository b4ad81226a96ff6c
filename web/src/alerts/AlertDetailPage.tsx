import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { AlertActions } from './AlertActions.tsx';
import type { AlertEvent, AlertView } from './api.ts';
import './alerts.css';

/** One alert (the link in urgent and escalation notifications): reasons, every step of its ladder, actions. */
export default function AlertDetailPage() {
  const { t, i18n } = useTranslation('checkins');
  const { id = '' } = useParams();
  const data = useApiData<{ alert: AlertView; events: AlertEvent[] }>(`/api/alerts/${id}`);
  const [override, setOverride] = useState<AlertView | undefined>(undefined);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (data.status === 'loading') return <Page title={t('ui.triage.title')}><Loading /></Page>;
  if (data.status === 'error') return <Page title={t('ui.triage.title')}><ErrorNotice error={data.error} onRetry={data.reload} /></Page>;
  const alert = override ?? data.data.alert;
  return (
    <Page title={`${t(`ui.triage.severity.${alert.severity}`)}: ${alert.patientName}`}>
      <p className="alert-meta">
        {t(`ui.triage.source.${alert.source}`)} · {t(`ui.triage.status.${alert.status}`)} · {t('ui.triage.created', { time: fmt.format(new Date(alert.createdAt)) })}
        {alert.status === 'open' && <> · <span className={alert.overdue ? 'overdue' : ''}>{alert.overdue ? t('ui.triage.overdue') : t('ui.triage.due', { time: fmt.format(new Date(alert.dueAt)) })}</span></>}
      </p>
      <h2>{t('ui.triage.reasons')}</h2>
      <ul className="reason-list">{alert.reasons.map((r, i) => <li key={i}>{r.text}</li>)}</ul>
      <AlertActions alert={alert} onChange={(a) => { setOverride(a); data.reload(); }} />
      <ol className="event-list">
        {data.data.events.map((e) => <li key={e.step}><time dateTime={e.at}>{fmt.format(new Date(e.at))}</time> · {e.kind}</li>)}
      </ol>
      <p><Link to={`/navigator/patients/${alert.patientId}`}>{t('ui.triage.openPatient')}</Link></p>
    </Page>
  );
}
