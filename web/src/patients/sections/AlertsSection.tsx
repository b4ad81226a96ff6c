import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AlertView } from '../../../../src/contracts/alerts.ts';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { dateTimeFormat } from '../../shell/time.ts';
import { usePath } from '../api.ts';
import { PatientSection, type SectionProps } from '../PatientSection.tsx';

/** The patient's open and acknowledged alerts, each linking to its page. */
export function AlertsSection({ patientId }: SectionProps) {
  const { t, i18n } = useTranslation('patient');
  const alerts = usePath<{ alerts: AlertView[] }>(`/api/alerts?status=active&patientId=${patientId}`);
  const fmt = dateTimeFormat(i18n.language);
  return (
    <PatientSection id="alerts" title={t('alerts.title')}>
      {alerts.isPending && <Loading />}
      {alerts.isError && <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.alerts.length === 0 && <EmptyState>{t('alerts.none')}</EmptyState>}
      {alerts.data && alerts.data.alerts.length > 0 && (
        <ul className="plain-list patient-list">
          {alerts.data.alerts.map((a) => (
            <li key={a.id}>
              <Link to={`/navigator/alerts/${a.id}`}>
                {t(`alerts.severity.${a.severity}`)} · {t(`alerts.status.${a.status}`)}
              </Link>{' '}
              <span className="muted">
                <time dateTime={a.createdAt}>{fmt.format(new Date(a.createdAt))}</time>
                {a.overdue && <> · <strong className="overdue">{t('alerts.overdue')}</strong></>}
              </span>
              <ul className="reason-list">
                {a.reasons.map((r, i) => <li key={i}>{r.text}</li>)}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </PatientSection>
  );
}
