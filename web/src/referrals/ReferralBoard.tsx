import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralState } from '../../../src/contracts/referrals.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { Deadline } from './Deadline.tsx';
import { BOARD_STATES, type ReferralSummary } from './types.ts';

/** The navigator's referral board: one table per state, soonest answer due first. */
export default function ReferralBoard() {
  const { t } = useTranslation('referrals');
  const [state, setState] = useState<ReferralState | ''>('');
  const board = useApiData<{ referrals: ReferralSummary[] }>(`/api/referrals/board?sort=deadline${state ? `&state=${state}` : ''}`);

  return (
    <Page title={t('board.title')}>
      <p>
        <Link className="button button-primary" to="/navigator/referrals/new">
          {t('referralflow:wizard.newFromBoard')}
        </Link>
      </p>
      <div className="field">
        <label htmlFor="referral-state">{t('board.filter')}</label>
        <select id="referral-state" value={state} onChange={(e) => setState(e.target.value as ReferralState | '')}>
          <option value="">{t('board.all')}</option>
          {BOARD_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {board.status === 'loading' && <Loading />}
      {board.status === 'error' && <ErrorNotice error={board.error} onRetry={board.reload} />}
      {board.status === 'ready' && board.data.referrals.length === 0 && <EmptyState>{t('board.empty')}</EmptyState>}
      {board.status === 'ready' &&
        BOARD_STATES.map((s) => {
          const rows = board.data.referrals.filter((r) => r.state === s);
          if (rows.length === 0) return null;
          return (
            <section key={s} aria-labelledby={`board-${s}`}>
              <h2 id={`board-${s}`}>{t(`states.${s}`)}</h2>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t('board.caption', { state: t(`states.${s}`), count: rows.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('columns.patient')}</th>
                      <th scope="col">{t('columns.type')}</th>
                      <th scope="col">{t('columns.site')}</th>
                      <th scope="col">{t('columns.domain')}</th>
                      <th scope="col">{t('columns.deadline')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <Link to={`/navigator/referrals/${r.id}`} aria-label={t('actions.open', { name: r.patientName ?? '' })}>
                            {r.patientName}
                          </Link>
                        </th>
                        <td>{t(`types.${r.type}`)}</td>
                        <td>{r.toSiteName}</td>
                        <td>{t(`domains.${r.domain ?? 'none'}`)}</td>
                        <td>
                          <Deadline at={r.state === 'sent' ? r.deadlineAt : r.scheduledFor} overdue={r.overdue} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
    </Page>
  );
}
