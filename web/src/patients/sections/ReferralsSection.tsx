import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralSummary } from '../../../../src/contracts/referrals.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { dateTimeFormat } from '../../shell/time.ts';
import { usePath } from '../api.ts';
import { PatientSection, type SectionProps } from '../PatientSection.tsx';

/** The patient's referrals: type, destination, state and deadline, each opening the referral. */
export function ReferralsSection({ patientId }: SectionProps) {
  const { t, i18n } = useTranslation('patient');
  const tw = useTranslation('worklist').t;
  const list = usePath<{ referrals: ReferralSummary[] }>(`/api/patients/${patientId}/referrals`);
  const fmt = dateTimeFormat(i18n.language);
  return (
    <PatientSection id="referrals" title={t('referrals.title')}>
      <p>
        <Link className="button button-secondary" to={`/navigator/referrals/new?patient=${patientId}`}>
          {t('referralflow:wizard.newFromBoard')}
        </Link>
      </p>
      {list.isPending && <Loading />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.referrals.length === 0 && <EmptyState>{t('referrals.none')}</EmptyState>}
      {list.data && list.data.referrals.length > 0 && (
        <DataTable
          caption={t('referrals.title')}
          rows={list.data.referrals}
          rowKey={(r) => r.id}
          columns={[
            { id: 'type', header: t('referrals.type'), rowHeader: true, cell: (r) => <Link to={`/navigator/referrals/${r.id}`}>{tw(`referralType.${r.type}`)}</Link> },
            { id: 'to', header: t('referrals.to'), cell: (r) => r.toSiteName },
            { id: 'state', header: t('referrals.state'), cell: (r) => t(`referrals:states.${r.state}`) },
            { id: 'deadline', header: t('referrals.deadline'), cell: (r) => (r.deadlineAt ? <span className={r.overdue ? 'overdue' : undefined}>{fmt.format(new Date(r.deadlineAt))}</span> : '–') },
          ]}
        />
      )}
    </PatientSection>
  );
}
