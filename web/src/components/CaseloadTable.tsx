import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../src/contracts/people.ts';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';

/** The signed-in clinician's patients (GET /api/caseload: navigators and specialists). */
export function CaseloadTable({ emptyText }: { emptyText: string }) {
  const { t } = useTranslation();
  const caseload = useApiData<{ patients: PatientSummary[] }>('/api/caseload');

  if (caseload.status === 'loading') return <Loading />;
  if (caseload.status === 'error') return <ErrorNotice error={caseload.error} onRetry={caseload.reload} />;
  const { patients } = caseload.data;
  if (patients.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  return (
    <>
      <p className="lead">{t('caseload.count', { count: patients.length })}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('caseload.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseload.patient')}</th>
              <th scope="col">{t('caseload.site')}</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((patient) => (
              <tr key={patient.id}>
                <th scope="row">{patient.name}</th>
                <td>{patient.siteName ?? t('caseload.noSite')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
