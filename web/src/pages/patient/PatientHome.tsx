import { useTranslation } from 'react-i18next';
import { useUser } from '../../session.tsx';
import { Page } from '../../shell/Page.tsx';
import { EmptyState } from '../../shell/status.tsx';

export function PatientHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Page title={t('patientHome.title')} heading={t('patientHome.greeting', { name: user.name })}>
      <p className="lead">{t('patientHome.intro')}</p>
      <section aria-labelledby="next-steps-heading" className="card">
        <h2 id="next-steps-heading">{t('patientHome.nextSteps')}</h2>
        <EmptyState>{t('patientHome.noNextSteps')}</EmptyState>
      </section>
    </Page>
  );
}
