import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import type { CrisisNotice } from '../../../src/contracts/messaging.ts';
import { ApiError, type ErrorCode, type Me } from '../api.ts';
import { CrisisNumbers } from '../checkins/CrisisPanel.tsx';
import { errorMessage } from '../i18n.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { emitAck, mergeMessages, messagingApi, type AttachmentInfo, type Message, type SendResult, type SyncResult, type ThreadSummary } from './api.ts';
import { MessageBody } from '../library/LibraryCard.tsx';

interface Pending {
  clientId: string;
  body: string;
  attachments: AttachmentInfo[];
  /** An error code from the server (rate_limited, invalid...): shown, not retried automatically. */
  error?: string;
}

/** The crisis resources a patient sees at once when their message contains crisis language. */
export function CrisisPanel({ crisis, onDismiss }: { crisis: CrisisNotice; onDismiss: () => void }) {
  const { t } = useTranslation('messaging');
  const lng = crisis.locale;
  return (
    <section role="alert" aria-labelledby="crisis-title" className="notice notice-error crisis-panel">
      <h2 id="crisis-title">{t('crisis.title', { lng })}</h2>
      <p>{t('crisis.intro', { lng })}</p>
      <ul>
        <li>
          <strong>{t('crisis.emergency', { lng })}</strong>
        </li>
        {crisis.categories.map((c) => (
          <li key={c}>{t(`crisis.${c}`, { lng })}</li>
        ))}
      </ul>
      <CrisisNumbers crisis={crisis.resources} lng={lng} />
      <button type="button" className="button button-secondary" onClick={onDismiss}>
        {t('crisis.dismiss', { lng })}
      </button>
    </section>
  );
}

export function threadTitle(t: TFunction<'messaging'>, thread: ThreadSummary, me: Me): string {
  if (thread.kind === 'care_team') return thread.patientId === me.id ? t('page.careTeam') : t('page.careTeamAbout', { name: thread.patientName ?? '' });
  if (thread.kind === 'staff') return t('page.staffAbout', { name: thread.patientName ?? '' });
  if (thread.kind === 'consult') return t('page.consultAbout', { name: thread.patientName ?? '' });
  return t('page.direct', { name: thread.title });
}

/**
 * One thread: history (paged), live messages merged by id, an outbox that resends with the same client
 * id after a reconnect (the server absorbs repeats), read receipts, typing, attachments, crisis resources.
 */
export function Conversation({ thread, socket, me, extraTools }: { thread: ThreadSummary; socket: Socket; me: Me; extraTools?: (insert: (text: string) => void) => ReactNode }) {
  const { t, i18n } = useTranslation('messaging');
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [draft, setDraft] = useState('');
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [uploadError, setUploadError] = useState(false);
  const [crisis, setCrisis] = useState<CrisisNotice | null>(null);
  const [typing, setTyping] = useState<string[]>([]);
  const [readMarks, setReadMarks] = useState<Record<string, number>>(() => Object.fromEntries(thread.members.map((m) => [m.userId, m.lastReadSeq])));
  const [connected, setConnected] = useState(socket.connected);
  const [muted, setMuted] = useState(thread.muted);
  const lastSeq = useRef(0);
  const pendingRef = useRef<Pending[]>([]);
  const reportedRead = useRef(thread.lastReadSeq);
  const lastTypingSent = useRef(0);
  // Stable per thread, so a draft kept when the session ends finds its field again (live/drafts.ts).
  const inputId = `message-draft-${thread.id}`;
  const fileId = useId();
  const names = Object.fromEntries(thread.members.map((m) => [m.userId, m.name]));

  const updatePending = useCallback((next: (p: Pending[]) => Pending[]) => {
    pendingRef.current = next(pendingRef.current);
    setPending(pendingRef.current);
  }, []);

  const accept = useCallback((incoming: Message[]) => {
    const mine = incoming.filter((m) => m.threadId === thread.id);
    if (mine.length === 0) return;
    lastSeq.current = Math.max(lastSeq.current, ...mine.map((m) => m.seq));
    setMessages((cur) => mergeMessages(cur ?? [], mine));
    const delivered = new Set(mine.map((m) => m.clientId));
    updatePending((p) => p.filter((x) => !delivered.has(x.clientId)));
  }, [thread.id, updatePending]);

  const transmit = useCallback(async (item: Pending) => {
    try {
      const ack = await emitAck<SendResult>(socket, 'message:send', { threadId: thread.id, clientId: item.clientId, body: item.body, ...(item.attachments.length ? { attachmentIds: item.attachments.map((a) => a.id) } : {}) });
      if (ack.ok) {
        accept([ack.data.message]);
        if (ack.data.crisis) setCrisis(ack.data.crisis);
      } else {
        updatePending((p) => p.map((x) => (x.clientId === item.clientId ? { ...x, error: ack.error.code } : x)));
      }
    } catch {
      // No ack (connection lost): the message stays in the outbox and is resent, same client id, on reconnect.
    }
  }, [socket, thread.id, accept, updatePending]);

  // History, newest page first.
  useEffect(() => {
    let live = true;
    messagingApi.history(thread.id).then(
      (r) => {
        if (!live) return;
        accept(r.messages);
        setMessages((cur) => cur ?? []);
        setHasMore(r.hasMore);
      },
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [thread.id, accept]);

  // Live events, and catch-up after every reconnect: everything after the last sequence number we have.
  useEffect(() => {
    const onNew = ({ message }: { message: Message }) => accept([message]);
    const onRead = (e: { threadId: string; userId: string; seq: number }) => {
      if (e.threadId === thread.id) setReadMarks((r) => ({ ...r, [e.userId]: Math.max(r[e.userId] ?? 0, e.seq) }));
    };
    const onTyping = (e: { threadId: string; userId: string; typing: boolean }) => {
      if (e.threadId !== thread.id || e.userId === me.id) return;
      setTyping((cur) => (e.typing ? [...cur.filter((id) => id !== e.userId), e.userId] : cur.filter((id) => id !== e.userId)));
      if (e.typing) setTimeout(() => setTyping((cur) => cur.filter((id) => id !== e.userId)), 5000);
    };
    const onCrisis = (e: { threadId: string; crisis: CrisisNotice }) => {
      if (e.threadId === thread.id) setCrisis(e.crisis);
    };
    const onConnect = async () => {
      setConnected(true);
      for (let more = true; more; ) {
        const r = await emitAck<SyncResult>(socket, 'message:sync', { threadId: thread.id, after: lastSeq.current }).catch(() => null);
        if (!r?.ok) break;
        accept(r.data.messages);
        more = r.data.hasMore;
      }
      for (const item of pendingRef.current) if (!item.error) void transmit(item);
    };
    const onDisconnect = () => setConnected(false);
    const listeners: Array<[string, (...args: never[]) => unknown]> = [
      ['message:new', onNew],
      ['message:read', onRead],
      ['thread:typing', onTyping],
      ['message:crisis', onCrisis],
      ['connect', onConnect],
      ['disconnect', onDisconnect],
    ];
    for (const [event, fn] of listeners) socket.on(event, fn as never);
    return () => {
      for (const [event, fn] of listeners) socket.off(event, fn as never);
    };
  }, [socket, thread.id, me.id, accept, transmit]);

  // Read receipt for what is on screen.
  useEffect(() => {
    const top = messages?.at(-1)?.seq ?? 0;
    if (top > reportedRead.current && document.visibilityState === 'visible') {
      reportedRead.current = top;
      void emitAck(socket, 'message:read', { threadId: thread.id, seq: top }).catch(() => undefined);
    }
  }, [messages, socket, thread.id]);

  const loadEarlier = async () => {
    const first = messages?.[0]?.seq;
    if (!first) return;
    const r = await messagingApi.history(thread.id, first);
    setMessages((cur) => mergeMessages(cur ?? [], r.messages));
    setHasMore(r.hasMore);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = draft.trim();
    if (!body && files.length === 0) return;
    const item: Pending = { clientId: crypto.randomUUID(), body, attachments: files };
    updatePending((p) => [...p, item]);
    setDraft('');
    setFiles([]);
    void transmit(item);
  };

  const onDraft = (value: string) => {
    setDraft(value);
    const now = Date.now();
    if (now - lastTypingSent.current > 3000) {
      lastTypingSent.current = now;
      void emitAck(socket, 'thread:typing', { threadId: thread.id, typing: true }).catch(() => undefined);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setUploadError(false);
    try {
      const info = await messagingApi.upload(thread.id, file);
      setFiles((f) => [...f, info]);
    } catch {
      setUploadError(true);
    }
  };

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!messages) return <Loading />;

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const myLast = [...messages].reverse().find((m) => m.senderId === me.id);
  const readByOthers = myLast && Object.entries(readMarks).some(([userId, seq]) => userId !== me.id && seq >= myLast.seq);
  const typers = typing.map((id) => names[id] ?? '');

  return (
    <div className="chat">
      <button
        type="button"
        className="button button-secondary chat-mute"
        aria-pressed={muted}
        onClick={() => void messagingApi.mute(thread.id, !muted).then(() => setMuted(!muted), () => undefined)}
      >
        {t('page.mute')}
      </button>
      {crisis && <CrisisPanel crisis={crisis} onDismiss={() => setCrisis(null)} />}
      {!connected && (
        <p role="status" className="notice notice-info">
          {t('page.offline')}
        </p>
      )}
      {hasMore && (
        <button type="button" className="button button-secondary" onClick={() => void loadEarlier()}>
          {t('page.loadEarlier')}
        </button>
      )}
      <div role="log" aria-label={t('page.conversation')}>
      <ol className="chat-log">
        {messages.map((m) => {
          const own = m.senderId === me.id;
          const who = m.kind === 'auto' ? t('page.automatic') : m.kind === 'system' ? t('page.system') : own ? t('page.you') : (names[m.senderId ?? ''] ?? '');
          return (
            <li key={m.id} className={`chat-message${own ? ' chat-own' : ''}${m.kind !== 'user' ? ' chat-system' : ''}`}>
              <p className="chat-meta">
                <span className="chat-sender">{who}</span> <time dateTime={m.createdAt}>{time.format(new Date(m.createdAt))}</time>
              </p>
              {m.body && <MessageBody body={m.body} />}
              {m.attachments.length > 0 && (
                <ul className="chat-files">
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/api/attachments/${a.id}`} download={a.fileName}>
                        {t('page.download', { name: a.fileName })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {own && m.id === myLast?.id && <p className="chat-state">{readByOthers ? t('page.readBy') : t('page.delivered')}</p>}
            </li>
          );
        })}
        {pending.map((p) => (
          <li key={p.clientId} className="chat-message chat-own chat-pending">
            <p className="chat-body">{p.body}</p>
            <p className="chat-state">{p.error ? errorMessage(t, new ApiError(p.error as ErrorCode, 0)) : t('page.sending')}</p>
          </li>
        ))}
      </ol>
      </div>
      <p className="chat-typing" aria-live="polite">
        {typers.length ? t('page.typing', { name: typers.join(', ') }) : ''}
      </p>
      <form className="chat-composer" onSubmit={onSubmit}>
        {extraTools?.((text) => setDraft((d) => (d ? `${d}\n${text}` : text)))}
        <label htmlFor={inputId}>{t('page.messageLabel')}</label>
        <textarea id={inputId} value={draft} rows={3} maxLength={4000} onChange={(e) => onDraft(e.target.value)} />
        <div className="chat-actions">
          <label htmlFor={fileId} className="chat-attach">
            {t('page.attach')}
          </label>
          <input id={fileId} type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }} />
          {files.map((f) => (
            <span key={f.id} className="chat-chip">
              {t('page.attached', { name: f.fileName })}{' '}
              <button type="button" className="button button-secondary" aria-label={t('page.removeAttachment', { name: f.fileName })} onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </span>
          ))}
          {uploadError && (
            <p role="alert" className="field-error">
              {t('page.uploadFailed')}
            </p>
          )}
          <button type="submit" className="button button-primary">
            {t('page.send')}
          </button>
        </div>
      </form>
    </div>
  );
}
