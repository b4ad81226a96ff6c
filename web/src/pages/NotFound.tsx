import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { homePath } from '../roles/index.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';

export function NotFound() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={homePath(user.role)}>{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
