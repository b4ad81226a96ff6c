import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useGet } from './api.ts';

interface TaskMeasures { open: number; overdue: number; done: number; medianDaysToDone: number | null }

/** Task measures beside the alert measures: open, overdue, done and median days to done. */
export function TasksMeasures() {
  const { t, i18n } = useTranslation('tasks');
  const q = useGet<TaskMeasures>('/api/tasks/measures?days=90');
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="task-measures">
      <h2 id="task-measures">{t('measures.title')}</h2>
      {q.isPending ? <Loading /> : q.isError ? <ErrorNotice error={q.error} onRetry={() => void q.refetch()} /> : (
        <ul className="kpis">
          {([
            ['open', num.format(q.data.open)],
            ['overdue', num.format(q.data.overdue)],
            ['done', num.format(q.data.done)],
            ['medianDays', q.data.medianDaysToDone === null ? t('measures.none') : t('measures.days', { value: num.format(q.data.medianDaysToDone) })],
          ] as const).map(([k, v]) => (
            <li key={k} className="card kpi">
              <span className="kpi-value">{v}</span>
              <span>{t(`measures.${k}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
