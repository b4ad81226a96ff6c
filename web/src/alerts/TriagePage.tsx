import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { AlertActions } from './AlertActions.tsx';
import { queueOrder, type AlertView } from './api.ts';
import { useAlertStream } from './socket.ts';
import './alerts.css';

const STATUSES = ['active', 'open', 'acknowledged', 'snoozed', 'resolved', 'all'] as const;
const SEVERITIES = ['', 'urgent', 'high', 'moderate'] as const;

function matches(a: AlertView, status: string, severity: string) {
  const statusOk = status === 'all' || (status === 'active' ? a.status === 'open' || a.status === 'acknowledged' : a.status === status);
  return statusOk && (!severity || a.severity === severity);
}

/** The navigator's triage queue: most severe and most overdue first, live over socket.io. */
export default function TriagePage() {
  const { t, i18n } = useTranslation('checkins');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('active');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('');
  const [assigned, setAssigned] = useState<'any' | 'me'>('any');
  const [alerts, setAlerts] = useState<AlertView[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [announce, setAnnounce] = useState('');

  const query = `/api/alerts?status=${status}${severity ? `&severity=${severity}` : ''}&assigned=${assigned}`;
  const load = useCallback(() => {
    const controller = new AbortController();
    api.get<{ alerts: AlertView[] }>(query, { signal: controller.signal }).then((r) => { setAlerts(r.alerts); setError(undefined); }).catch((e: unknown) => { if (!controller.signal.aborted) setError(e); });
    return () => controller.abort();
  }, [query]);
  useEffect(() => load(), [load]);

  const upsert = useCallback((a: AlertView, kind: 'new' | 'updated') => {
    setAlerts((list) => {
      const rest = (list ?? []).filter((x) => x.id !== a.id);
      return matches(a, status, severity) ? [...rest, a] : rest;
    });
    if (kind === 'new') setAnnounce(`${t(`ui.triage.severity.${a.severity}`)}: ${a.patientName}`);
  }, [status, severity, t]);
  const live = useAlertStream(upsert, load);

  const sorted = useMemo(() => [...(alerts ?? [])].sort(queueOrder), [alerts]);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Page title={t('ui.triage.title')}>
      <p className={live ? 'live-badge live-on' : 'live-badge'} role="status">{live ? t('ui.triage.live') : t('ui.triage.offline')}</p>
      <div aria-live="assertive" className="visually-hidden">{announce}</div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="f-status">{t('ui.triage.filterStatus')}</label>
          <select id="f-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`ui.triage.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-severity">{t('ui.triage.filterSeverity')}</label>
          <select id="f-severity" value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s ? t(`ui.triage.severity.${s}`) : t('ui.triage.any')}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-assigned">{t('ui.triage.filterAssigned')}</label>
          <select id="f-assigned" value={assigned} onChange={(e) => setAssigned(e.target.value as typeof assigned)}>
            <option value="any">{t('ui.triage.any')}</option>
            <option value="me">{t('ui.triage.mine')}</option>
          </select>
        </div>
      </form>
      {error !== undefined && <ErrorNotice error={error} onRetry={load} />}
      {alerts === undefined && error === undefined && <Loading />}
      {alerts !== undefined && sorted.length === 0 && <EmptyState>{t('ui.triage.empty')}</EmptyState>}
      {sorted.length > 0 && (
        <>
          <p className="lead">{t('ui.triage.count', { count: sorted.length })}</p>
          <ol className="alert-list">
            {sorted.map((a) => (
              <li key={a.id} className={`card alert-card severity-${a.severity}`} aria-labelledby={`alert-${a.id}`}>
                <h2 id={`alert-${a.id}`} className="alert-head">
                  <span className={`sev sev-${a.severity}`}>{t(`ui.triage.severity.${a.severity}`)}</span>{' '}
                  <Link to={`/navigator/alerts/${a.id}`}>{a.patientName}</Link>
                </h2>
                <p className="alert-meta">
                  {t(`ui.triage.source.${a.source}`)} · {t(`ui.triage.status.${a.status}`)} · {t('ui.triage.created', { time: fmt.format(new Date(a.createdAt)) })}
                  {a.status === 'open' && <> · <span className={a.overdue ? 'overdue' : ''}>{a.overdue ? t('ui.triage.overdue') : t('ui.triage.due', { time: fmt.format(new Date(a.dueAt)) })}</span></>}
                  {a.escalationLevel > 0 && <> · {t('ui.triage.escalated', { level: a.escalationLevel })}</>}
                </p>
                <ul className="reason-list">
                  {a.reasons.map((r, i) => <li key={i}>{r.text}</li>)}
                </ul>
                <p><Link to={`/navigator/patients/${a.patientId}`}>{t('ui.triage.openPatient')}</Link></p>
                <AlertActions alert={a} onChange={(x) => upsert(x, 'updated')} />
              </li>
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}
