import { useTranslation } from 'react-i18next';
import { Page } from '../shell/Page.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';

/** The account's preferences page until the account page (another issue) takes PreferencesSection in. */
export default function PreferencesPage() {
  const { t } = useTranslation('preferences');
  return (
    <Page title={t('title')}>
      <PreferencesSection />
    </Page>
  );
}
