import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat, timeAgo } from '../shell/time.ts';
import { Link, useParams } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { openChatSocket, type ThreadSummary } from './api.ts';
import { Conversation, threadTitle } from './Conversation.tsx';
import './messaging.css';

/** The socket lives as long as the messaging page. */
export function useChatSocket() {
  const [socket] = useState(openChatSocket);
  useEffect(() => () => void socket.disconnect(), [socket]);
  return socket;
}

export function ThreadList({ threads, base, current }: { threads: ThreadSummary[]; base: string; current?: string | undefined }) {
  const { t, i18n } = useTranslation('messaging');
  const me = useUser();
  const staff = me.role !== 'patient' && me.role !== 'caregiver';
  const fmt = dateTimeFormat(i18n.language);
  return (
    <ul className="thread-list">
      {threads.map((th) => (
        <li key={th.id}>
          <Link to={`${base}/${th.id}`} aria-current={th.id === current ? 'page' : undefined} className="thread-link">
            <span className="thread-title">{threadTitle(t, th, me)}</span>
            <span className="thread-badges">
              {th.urgent && <span className="badge badge-urgent">{t('page.urgent')}</span>}
              {th.awaitingReply && me.role !== 'patient' && me.role !== 'caregiver' && <span className="badge">{t('page.awaitingReply')}</span>}
              {th.unread > 0 && <span className="badge badge-unread">{t('page.unread', { count: th.unread })}</span>}
              {th.muted && <span className="badge">{t('page.muted')}</span>}
            </span>
            {th.lastMessagePreview && <span className="thread-preview">{th.lastMessagePreview}</span>}
            {th.lastMessageAt && <time className="thread-time" dateTime={th.lastMessageAt}>{fmt.format(new Date(th.lastMessageAt))}</time>}
            {staff && th.awaitingSince && <span className="thread-time">{t('worklist:waitingSince', { time: fmt.format(new Date(th.awaitingSince)), ago: timeAgo(i18n.language, th.awaitingSince) })}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Patients, caregivers and specialists: their threads and the open conversation, phone first. */
export default function ChatPage() {
  const { t } = useTranslation('messaging');
  const me = useUser();
  const { threadId } = useParams();
  const data = useApiData<{ threads: ThreadSummary[] }>('/api/threads');
  const socket = useChatSocket();
  const base = `/${me.role}/messages`;
  if (data.status === 'loading') return <Page title={t('page.chatTitle')}><Loading /></Page>;
  if (data.status === 'error') return <Page title={t('page.chatTitle')}><ErrorNotice error={data.error} onRetry={data.reload} /></Page>;
  const threads = data.data.threads;
  const open = threads.find((th) => th.id === threadId) ?? (threads.length === 1 ? threads[0] : undefined);
  return (
    <Page title={t('page.chatTitle')}>
      {threads.length === 0 && <EmptyState>{t('page.noThreads')}</EmptyState>}
      <div className={`messaging${open ? ' messaging-open' : ''}`}>
        {threads.length > 1 && (
          <nav aria-label={t('page.threads')} className="messaging-threads">
            <ThreadList threads={threads} base={base} current={open?.id} />
          </nav>
        )}
        {open && (
          <section aria-labelledby="conversation-title" className="messaging-conversation card">
            {threads.length > 1 && (
              <Link to={base} className="messaging-back">
                {t('page.back')}
              </Link>
            )}
            <h2 id="conversation-title">{threadTitle(t, open, me)}</h2>
            <Conversation key={open.id} thread={open} socket={socket} me={me} />
          </section>
        )}
      </div>
    </Page>
  );
}
