import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { messagingApi, type ThreadSummary } from './api.ts';
import { ThreadList, useChatSocket } from './ChatPage.tsx';
import { Conversation, threadTitle } from './Conversation.tsx';
import './messaging.css';

function Templates({ threadId, insert }: { threadId: string; insert: (text: string) => void }) {
  const { t } = useTranslation('messaging');
  const id = useId();
  const [templates, setTemplates] = useState<Array<{ key: string; text: string }>>([]);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    let live = true;
    messagingApi.templates(threadId).then((r) => live && setTemplates(r.templates), () => undefined);
    return () => {
      live = false;
    };
  }, [threadId]);
  if (templates.length === 0) return null;
  return (
    <div className="chat-templates">
      <label htmlFor={id}>{t('page.templates')}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="" />
        {templates.map((tp) => (
          <option key={tp.key} value={tp.key}>
            {tp.text}
          </option>
        ))}
      </select>
      <button type="button" className="button button-secondary" disabled={!choice} onClick={() => insert(templates.find((x) => x.key === choice)?.text ?? '')}>
        {t('page.useTemplate')}
      </button>
    </div>
  );
}

function HandOver({ thread, onDone }: { thread: ThreadSummary; onDone: () => void }) {
  const { t } = useTranslation('messaging');
  const id = useId();
  const [navigators, setNavigators] = useState<Array<{ id: string; name: string }>>([]);
  const [choice, setChoice] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    messagingApi.candidates(thread.id).then((r) => live && setNavigators(r.navigators), () => undefined);
    return () => {
      live = false;
    };
  }, [thread.id]);
  if (thread.kind !== 'care_team' || navigators.length === 0) return null;
  return (
    <form
      className="chat-handover"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) void messagingApi.handOver(thread.id, choice).then(() => (setDone(true), onDone()));
      }}
    >
      <label htmlFor={id}>{t('page.handOver')}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="" />
        {navigators.map((n) => (
          <option key={n.id} value={n.id}>
            {n.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary" disabled={!choice}>
        {t('page.handOverButton')}
      </button>
      {done && <p role="status">{t('page.handedOver')}</p>}
    </form>
  );
}

/** The navigator's inbox: every caseload thread, urgent and unanswered first; templates and hand-over. */
export default function InboxPage() {
  const { t } = useTranslation('messaging');
  const me = useUser();
  const { threadId } = useParams();
  const socket = useChatSocket();
  const base = `/${me.role}/messages`;
  const [threads, setThreads] = useState<ThreadSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  useEffect(() => {
    // The list stays on screen while it refreshes, so the open conversation keeps its state.
    let live = true;
    messagingApi.inbox().then(
      (r) => live && (setThreads(r.threads), setError(null)),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [version]);
  useEffect(() => {
    // New messages change the order (urgent, unanswered): refresh the list when one arrives.
    const bump = () => setVersion((v) => v + 1);
    socket.on('message:new', bump);
    return () => void socket.off('message:new', bump);
  }, [socket]);
  if (error && !threads) return <Page title={t('page.inboxTitle')}><ErrorNotice error={error} onRetry={reload} /></Page>;
  if (!threads) return <Page title={t('page.inboxTitle')}><Loading /></Page>;
  const open = threads.find((th) => th.id === threadId);
  return (
    <Page title={t('page.inboxTitle')}>
      <div className={`messaging${open ? ' messaging-open' : ''}`}>
        <nav aria-label={t('page.threads')} className="messaging-threads">
          {threads.length ? <ThreadList threads={threads} base={base} current={open?.id} /> : <EmptyState>{t('page.noThreads')}</EmptyState>}
        </nav>
        {open ? (
          <section aria-labelledby="conversation-title" className="messaging-conversation card">
            <Link to={base} className="messaging-back">
              {t('page.back')}
            </Link>
            <h2 id="conversation-title">{threadTitle(t, open, me)}</h2>
            <HandOver thread={open} onDone={reload} />
            <Conversation key={open.id} thread={open} socket={socket} me={me} extraTools={(insert) => <Templates threadId={open.id} insert={insert} />} />
          </section>
        ) : (
          threads.length > 0 && <p className="messaging-hint">{t('page.noConversation')}</p>
        )}
      </div>
    </Page>
  );
}
