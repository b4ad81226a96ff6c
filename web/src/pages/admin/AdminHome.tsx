import { useTranslation } from 'react-i18next';
import { AuditCheck } from '../../account/AuditCheck.tsx';
import { UserDirectory } from '../../account/UserDirectory.tsx';
import { useUser } from '../../session.tsx';
import { Page } from '../../shell/Page.tsx';

export function AdminHome() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Page title={t('adminHome.title')} heading={t('adminHome.greeting', { name: user.name })}>
      <p className="lead">{t('adminHome.intro')}</p>
      <UserDirectory />
      <AuditCheck />
    </Page>
  );
}
