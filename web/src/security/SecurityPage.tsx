import { useTranslation } from 'react-i18next';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { STAFF_ROLES } from './api.ts';
import { MfaSection } from './MfaSection.tsx';
import { OrgSection } from './OrgSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import './security.css';

/** /<role>/security: password, second step (staff), where I am signed in, and the admin's rule. */
export default function SecurityPage() {
  const { t } = useTranslation('security');
  const user = useUser();
  const staff = (STAFF_ROLES as readonly string[]).includes(user.role);
  return (
    <Page title={t('security.title')}>
      <PasswordSection />
      {staff && <MfaSection />}
      <SessionsSection />
      {user.role === 'admin' && <OrgSection />}
    </Page>
  );
}
