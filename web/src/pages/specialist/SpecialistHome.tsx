import { useTranslation } from 'react-i18next';
import { CaseloadTable } from '../../components/CaseloadTable.tsx';
import { useUser } from '../../session.tsx';
import { Page } from '../../shell/Page.tsx';

export function SpecialistHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Page title={t('specialistHome.title')} heading={t('specialistHome.greeting', { name: user.name })}>
      <section aria-labelledby="specialist-patients-heading">
        <h2 id="specialist-patients-heading">{t('specialistHome.patientsHeading')}</h2>
        <CaseloadTable emptyText={t('specialistHome.empty')} />
      </section>
    </Page>
  );
}
