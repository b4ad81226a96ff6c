import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { messagingApi } from './api.ts';
import { ThreadList, useChatSocket } from './ChatPage.tsx';
import { Conversation, threadTitle } from './Conversation.tsx';
import { HandOver, INBOX_KEY, Templates } from './InboxTools.tsx';
import './messaging.css';

/**
 * The navigator's inbox: every caseload thread, urgent and unanswered first, each with its last message,
 * time, waiting time and unread count; a filter by patient; templates and hand-over in the conversation.
 * New messages make the list stale through live/invalidations.ts; it stays on screen while it refreshes.
 */
export default function InboxPage() {
  const { t } = useTranslation('messaging');
  const me = useUser();
  const { threadId } = useParams();
  const socket = useChatSocket();
  const filterId = useId();
  const [patient, setPatient] = useState('');
  const base = `/${me.role}/messages`;
  const inbox = useQuery({ queryKey: [INBOX_KEY], queryFn: messagingApi.inbox });
  if (inbox.isError && !inbox.data) return <Page title={t('page.inboxTitle')}><ErrorNotice error={inbox.error} onRetry={() => void inbox.refetch()} /></Page>;
  if (!inbox.data) return <Page title={t('page.inboxTitle')}><Loading /></Page>;
  const threads = inbox.data.threads;
  const needle = patient.trim().toLocaleLowerCase();
  const shown = needle ? threads.filter((th) => th.patientName?.toLocaleLowerCase().includes(needle)) : threads;
  const open = threads.find((th) => th.id === threadId);
  return (
    <Page title={t('page.inboxTitle')}>
      <div className={`messaging${open ? ' messaging-open' : ''}`}>
        <nav aria-label={t('page.threads')} className="messaging-threads">
          {threads.length > 0 && (
            <div className="field inbox-filter">
              <label htmlFor={filterId}>{t('inbox.filterPatient')}</label>
              <input id={filterId} type="search" value={patient} onChange={(e) => setPatient(e.target.value)} />
            </div>
          )}
          {threads.length === 0 ? (
            <EmptyState>{t('page.noThreads')}</EmptyState>
          ) : shown.length === 0 ? (
            <EmptyState>{t('inbox.noMatch')}</EmptyState>
          ) : (
            <ThreadList threads={shown} base={base} current={open?.id} />
          )}
        </nav>
        {open ? (
          <section aria-labelledby="conversation-title" className="messaging-conversation card">
            <Link to={base} className="messaging-back">
              {t('page.back')}
            </Link>
            <h2 id="conversation-title">{threadTitle(t, open, me)}</h2>
            {open.patientId && <p><Link to={`/navigator/patients/${open.patientId}`}>{t('inbox.openPatient', { name: open.patientName })}</Link></p>}
            <HandOver thread={open} />
            <Conversation key={open.id} thread={open} socket={socket} me={me} extraTools={(insert) => <Templates threadId={open.id} insert={insert} />} />
          </section>
        ) : (
          threads.length > 0 && <p className="messaging-hint">{t('page.noConversation')}</p>
        )}
      </div>
    </Page>
  );
}
