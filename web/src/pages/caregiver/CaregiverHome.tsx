import { useTranslation } from 'react-i18next';
import { useUser } from '../../session.tsx';
import { Page } from '../../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { useApiData } from '../../useApiData.ts';

interface CaredForPatient {
  id: string;
  name: string;
}

export function CaregiverHome() {
  const { t } = useTranslation();
  const user = useUser();
  const patients = useApiData<{ patients: CaredForPatient[] }>('/api/caregiver/patients');

  return (
    <Page title={t('caregiverHome.title')} heading={t('caregiverHome.greeting', { name: user.name })}>
      <section aria-labelledby="cared-for-heading" className="card">
        <h2 id="cared-for-heading">{t('caregiverHome.patientsHeading')}</h2>
        {patients.status === 'loading' && <Loading />}
        {patients.status === 'error' && <ErrorNotice error={patients.error} onRetry={patients.reload} />}
        {patients.status === 'ready' &&
          (patients.data.patients.length === 0 ? (
            <EmptyState>{t('caregiverHome.empty')}</EmptyState>
          ) : (
            <ul className="plain-list">
              {patients.data.patients.map((patient) => (
                <li key={patient.id}>{patient.name}</li>
              ))}
            </ul>
          ))}
      </section>
    </Page>
  );
}
