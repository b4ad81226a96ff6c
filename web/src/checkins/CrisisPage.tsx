import { useTranslation } from 'react-i18next';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import type { CrisisView } from './api.ts';
import { CrisisPanel } from './CrisisPanel.tsx';
import './checkins.css';

/** Always one tap away in the patient's navigation: help now, in their locale. */
export default function CrisisPage() {
  const { t } = useTranslation('checkins');
  const crisis = useApiData<CrisisView>('/api/crisis-resources');
  return (
    <Page title={t('ui.nav.crisis')}>
      {crisis.status === 'loading' && <Loading />}
      {crisis.status === 'error' && <ErrorNotice error={crisis.error} onRetry={crisis.reload} />}
      {crisis.status === 'ready' && <CrisisPanel crisis={crisis.data} headingLevel={1} />}
    </Page>
  );
}
