import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { Deadline } from './Deadline.tsx';
import type { ReferralSummary } from './types.ts';

/** The receiving specialist's queue: referrals to the sites they act for, soonest answer due first. */
export default function IncomingQueue() {
  const { t } = useTranslation('referrals');
  const queue = useApiData<{ referrals: ReferralSummary[] }>('/api/referrals/incoming');
  const [error, setError] = useState<unknown>(null);

  const accept = async (id: string) => {
    setError(null);
    try {
      await api.post(`/api/referrals/${id}/accept`, {});
      queue.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Page title={t('incoming.title')}>
      {error !== null && <ErrorNotice error={error} />}
      {queue.status === 'loading' && <Loading />}
      {queue.status === 'error' && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
      {queue.status === 'ready' && queue.data.referrals.length === 0 && <EmptyState>{t('incoming.empty')}</EmptyState>}
      {queue.status === 'ready' && queue.data.referrals.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('incoming.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.patient')}</th>
                <th scope="col">{t('columns.type')}</th>
                <th scope="col">{t('columns.domain')}</th>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.deadline')}</th>
                <th scope="col">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.referrals.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/specialist/referrals/${r.id}`} aria-label={r.patientName ? t('actions.open', { name: r.patientName }) : t('actions.openUnnamed')}>
                      {r.patientName ?? t('incoming.unshared')}
                    </Link>
                  </th>
                  <td>{t(`types.${r.type}`)}</td>
                  <td>{t(`domains.${r.domain ?? 'none'}`)}</td>
                  <td>{t(`states.${r.state}`)}</td>
                  <td>
                    <Deadline at={r.state === 'sent' ? r.deadlineAt : r.scheduledFor} overdue={r.overdue} />
                  </td>
                  <td>
                    {r.state === 'sent' && (
                      <button type="button" className="button button-primary" onClick={() => void accept(r.id)}>
                        {t('actions.accept')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
