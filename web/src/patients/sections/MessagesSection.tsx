import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadSummary } from '../../../../src/contracts/messaging.ts';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { dateTimeFormat } from '../../shell/time.ts';
import { usePath } from '../api.ts';
import { PatientSection, type SectionProps } from '../PatientSection.tsx';

/** The patient's conversations in the navigator's inbox, with the newest message and whether it awaits a reply. */
export function MessagesSection({ patientId }: SectionProps) {
  const { t, i18n } = useTranslation('patient');
  const inbox = usePath<{ threads: ThreadSummary[] }>('/api/inbox');
  const threads = inbox.data?.threads.filter((th) => th.patientId === patientId) ?? [];
  const fmt = dateTimeFormat(i18n.language);
  return (
    <PatientSection id="messages" title={t('messages.title')}>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorNotice error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && threads.length === 0 && <EmptyState>{t('messages.none')}</EmptyState>}
      <ul className="plain-list patient-list">
        {threads.map((th) => (
          <li key={th.id}>
            <Link to={`/navigator/messages/${th.id}`}>{t(`messages.kind.${th.kind}`, { defaultValue: th.title })}</Link>
            {th.awaitingReply && <> · <strong>{t('messages.awaiting')}</strong></>}
            {th.lastMessageAt && <> · <time className="muted" dateTime={th.lastMessageAt}>{fmt.format(new Date(th.lastMessageAt))}</time></>}
            {th.lastMessagePreview && <p className="muted preview">{th.lastMessagePreview}</p>}
          </li>
        ))}
      </ul>
    </PatientSection>
  );
}
