import { useTranslation } from 'react-i18next';
import { useSession } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useGet, type GoalsVersion } from './api.ts';
import { GoalsHistory, GoalsRecord } from './GoalsRecord.tsx';
import './tasks.css';

/** The patient's own goals-of-care record, read-only, in their language. */
export default function MyGoalsPage() {
  const { t } = useTranslation('tasks');
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.user.id : null;
  const q = useGet<{ current: GoalsVersion | null; history: GoalsVersion[] }>(me ? `/api/patients/${me}/goals-of-care` : null);
  return (
    <Page title={t('goals.patientTitle')}>
      <p className="lead">{t('goals.patientLead')}</p>
      {q.isPending ? <Loading /> : q.isError ? <ErrorNotice error={q.error} onRetry={() => void q.refetch()} /> : q.data.current ? (
        <>
          <GoalsRecord g={q.data.current} />
          {q.data.history.length > 1 && <GoalsHistory history={q.data.history} />}
        </>
      ) : (
        <EmptyState>{t('goals.none')}</EmptyState>
      )}
    </Page>
  );
}
