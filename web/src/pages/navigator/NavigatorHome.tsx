import { useTranslation } from 'react-i18next';
import { CaseloadTable } from '../../components/CaseloadTable.tsx';
import { Page } from '../../shell/Page.tsx';

export function NavigatorHome() {
  const { t } = useTranslation();
  return (
    <Page title={t('navigatorHome.title')}>
      <CaseloadTable emptyText={t('navigatorHome.empty')} />
    </Page>
  );
}
