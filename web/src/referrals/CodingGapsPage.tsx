import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';

interface CodingGap {
  topography: string;
  morphology: string;
  topographyKnown: boolean;
  morphologyKnown: boolean;
  seenCount: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * The administrator's list of ICD-O-3 code pairs navigators entered by hand because the shipped
 * table lacks them: what to add to the table (with its source) in the next release.
 */
export default function CodingGapsPage() {
  const { t, i18n } = useTranslation('referrals');
  const gaps = useQuery({ queryKey: ['referrals', 'coding-gaps'], queryFn: () => api.get<{ gaps: CodingGap[] }>('/api/referrals/codes/gaps') });
  const code = (value: string, known: boolean) => (known ? value : `${value} (${t('gaps.missing')})`);
  return (
    <Page title={t('gaps.title')}>
      <p>{t('gaps.intro')}</p>
      {gaps.isPending && <Loading />}
      {gaps.isError && <ErrorNotice error={gaps.error} onRetry={() => void gaps.refetch()} />}
      {gaps.data && gaps.data.gaps.length === 0 && <EmptyState>{t('gaps.empty')}</EmptyState>}
      {gaps.data && gaps.data.gaps.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('gaps.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gaps.topography')}</th>
                <th scope="col">{t('gaps.morphology')}</th>
                <th scope="col">{t('gaps.seen')}</th>
                <th scope="col">{t('gaps.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {gaps.data.gaps.map((g) => (
                <tr key={`${g.topography}-${g.morphology}`}>
                  <th scope="row">{code(g.topography, g.topographyKnown)}</th>
                  <td>{code(g.morphology, g.morphologyKnown)}</td>
                  <td>{g.seenCount}</td>
                  <td>{new Date(g.lastSeen).toLocaleDateString(i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
