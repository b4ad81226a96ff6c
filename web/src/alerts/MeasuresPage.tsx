import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { TasksMeasures } from '../tasks/TasksMeasures.tsx';
import { useApiData } from '../useApiData.ts';
import './alerts.css';

interface Measures {
  days: number;
  completionRate: number | null;
  alertsPer100Checkins: number | null;
  ackInTimeShare: number | null;
  medianMinutesToAction: number | null;
  noActionShare: number | null;
  missed: number;
  /** Raised for a snoozed symptom, never shown: counted apart from every other measure. */
  suppressed: number;
  bySeverity: { urgent: number; high: number; moderate: number };
  weekly: Array<{ week: string; checkins: number; alerts: number }>;
}

/** Alert burden and closed-loop measures (CLINICAL.md) for the navigator's caseload. */
export default function MeasuresPage() {
  const { t, i18n } = useTranslation('checkins');
  const m = useApiData<Measures>('/api/checkins/measures?days=90');
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  if (m.status === 'loading') return <Page title={t('ui.measures.title')}><Loading /></Page>;
  if (m.status === 'error') return <Page title={t('ui.measures.title')}><ErrorNotice error={m.error} onRetry={m.reload} /></Page>;
  const d = m.data;
  const none = t('ui.measures.none');
  const kpis: Array<[string, string]> = [
    ['completionRate', d.completionRate === null ? none : pct.format(d.completionRate)],
    ['alertsPer100', d.alertsPer100Checkins === null ? none : num.format(d.alertsPer100Checkins)],
    ['ackInTime', d.ackInTimeShare === null ? none : pct.format(d.ackInTimeShare)],
    ['medianToAction', d.medianMinutesToAction === null ? none : t('ui.measures.minutes', { value: num.format(d.medianMinutesToAction) })],
    ['noAction', d.noActionShare === null ? none : pct.format(d.noActionShare)],
    ['missed', num.format(d.missed)],
    ['suppressed', num.format(d.suppressed)],
  ];
  return (
    <Page title={t('ui.measures.title')}>
      <p className="lead">{t('ui.measures.window', { days: d.days })}</p>
      <ul className="kpis">
        {kpis.map(([k, v]) => (
          <li key={k} className="card kpi">
            <span className="kpi-value">{v}</span>
            <span>{t(`ui.measures.${k}`)}</span>
          </li>
        ))}
      </ul>
      <TasksMeasures />
      <h2>{t('ui.measures.weekly')}</h2>
      <figure className="chart" aria-label={t('ui.measures.weekly')}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={d.weekly}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="checkins" name={t('ui.measures.checkins')} fill="#0b5cab" />
            <Bar dataKey="alerts" name={t('ui.measures.alerts')} fill="#a4161a" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <h2>{t('ui.measures.bySeverity')}</h2>
      <figure className="chart" aria-label={t('ui.measures.bySeverity')}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={(['urgent', 'high', 'moderate'] as const).map((s) => ({ name: t(`ui.triage.severity.${s}`), value: d.bySeverity[s] }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="value" name={t('ui.measures.alerts')} fill="#8a4b00" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </Page>
  );
}
