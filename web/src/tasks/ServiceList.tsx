import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useGet, type ServiceEntry } from './api.ts';

/** Supportive services as cards: who, where, how to refer, when, in which languages. */
export function ServiceList({ path, empty, action }: { path: string; empty: string; action?: (s: ServiceEntry) => React.ReactNode }) {
  const { t, i18n } = useTranslation('tasks');
  const q = useGet<{ services: ServiceEntry[] }>(path);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.services.length === 0) return <EmptyState>{empty}</EmptyState>;
  const lang = new Intl.DisplayNames([i18n.language], { type: 'language' });
  return (
    <ul className="task-list">
      {q.data.services.map((s) => (
        <li key={s.id} className="card">
          <h3>{s.name}</h3>
          <dl className="record">
            <dt>{t('services.service')}</dt>
            <dd>{t(`service.${s.service}`)}, {s.siteName}</dd>
            <dt>{t('services.contact')}</dt>
            <dd>{s.contact}</dd>
            <dt>{t('services.howToRefer')}</dt>
            <dd>{s.howToRefer}</dd>
            <dt>{t('services.hours')}</dt>
            <dd>{s.hours}</dd>
            <dt>{t('services.languages')}</dt>
            <dd>{s.languages.map((l) => lang.of(l) ?? l).join(', ')}</dd>
          </dl>
          {action?.(s)}
        </li>
      ))}
    </ul>
  );
}
