import { useTranslation } from 'react-i18next';
import { Page } from '../shell/Page.tsx';
import { useUser } from '../session.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';
import { ReminderSettingsSection } from './ReminderSettingsSection.tsx';

/**
 * The account's preferences page, for every role: the person's own reminder channels, SMS number, quiet
 * hours and language; for staff also the organization's reminder schedule (the admin edits it).
 */
export default function PreferencesPage() {
  const { t } = useTranslation('preferences');
  const me = useUser();
  return (
    <Page title={t('title')}>
      <PreferencesSection />
      {(me.role === 'navigator' || me.role === 'admin') && <ReminderSettingsSection />}
    </Page>
  );
}
