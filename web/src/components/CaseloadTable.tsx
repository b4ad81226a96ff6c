import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientSummary } from '../../../src/contracts/people.ts';
import { api } from '../api.ts';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { DataTable } from './DataTable.tsx';

/**
 * The signed-in clinician's patients (GET /api/caseload: navigators and specialists). With
 * `patientLink`, each name opens that patient's page.
 */
export function CaseloadTable({ emptyText, patientLink }: { emptyText: string; patientLink?: (id: string) => string }) {
  const { t } = useTranslation();
  const caseload = useQuery({ queryKey: ['/api/caseload'], queryFn: () => api.get<{ patients: PatientSummary[] }>('/api/caseload') });

  if (caseload.isPending) return <Loading />;
  if (caseload.isError) return <ErrorNotice error={caseload.error} onRetry={() => void caseload.refetch()} />;
  const { patients } = caseload.data;
  if (patients.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  return (
    <>
      <p className="lead">{t('caseload.count', { count: patients.length })}</p>
      <DataTable
        caption={t('caseload.caption')}
        rows={patients}
        rowKey={(p) => p.id}
        columns={[
          { id: 'name', header: t('caseload.patient'), rowHeader: true, cell: (p) => (patientLink ? <Link to={patientLink(p.id)}>{p.name}</Link> : p.name) },
          { id: 'site', header: t('caseload.site'), cell: (p) => p.siteName ?? t('caseload.noSite') },
        ]}
      />
    </>
  );
}
