import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { homeApi } from '../home/api.ts';
import { messagingApi } from '../messaging/api.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import type { LibraryEntryView } from './api.ts';
import { EntryFacts } from './EntryFacts.tsx';
import './library.css';

/** One library entry; a navigator can share it into a patient's chat as a card. */
export default function EntryPage() {
  const { t } = useTranslation('library');
  const { id = '' } = useParams();
  const user = useUser();
  const entry = useQuery({ queryKey: [`/api/library/${id}`], queryFn: () => api.get<LibraryEntryView>(`/api/library/${id}`) });
  const e = entry.data;
  return (
    <Page title={e?.title ?? t('title')}>
      <p>
        <Link to={`/${user.role}/library`}>{t('back')}</Link>
      </p>
      {entry.isPending && <Loading />}
      {entry.isError && <ErrorNotice error={entry.error} onRetry={() => void entry.refetch()} />}
      {e && (
        <article className="card library-entry" lang={e.language}>
          <EntryFacts entry={e} />
          <p>{e.summary}</p>
          {e.url ? (
            <p>
              <a href={e.url} target="_blank" rel="noopener noreferrer">
                {t('visit', { organization: e.organization })}
                <span className="visually-hidden"> {t('newWindow')}</span>
              </a>
            </p>
          ) : (
            <p className="hint">{t('noLink', { organization: e.organization })}</p>
          )}
        </article>
      )}
      {e && user.role === 'navigator' && <MarkReviewed entryId={e.id} />}
      {e && user.role === 'navigator' && <ShareIntoChat entryId={e.id} />}
    </Page>
  );
}

function ShareIntoChat({ entryId }: { entryId: string }) {
  const { t } = useTranslation('library');
  const threads = useQuery({ queryKey: ['/api/threads'], queryFn: () => messagingApi.threads() });
  const [threadId, setThreadId] = useState('');
  const share = useMutation({ mutationFn: (to: string) => homeApi.share(entryId, to) });
  const patientThreads = (threads.data?.threads ?? []).filter((th) => th.patientId && th.kind !== 'staff');
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const to = threadId || patientThreads[0]?.id;
    if (to) share.mutate(to);
  };
  return (
    <section aria-labelledby="share-heading" className="card">
      <h2 id="share-heading">{t('share.heading')}</h2>
      {threads.isError && <ErrorNotice error={threads.error} onRetry={() => void threads.refetch()} />}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="share-thread">{t('share.thread')}</label>
          <select id="share-thread" value={threadId || patientThreads[0]?.id || ''} onChange={(ev) => setThreadId(ev.target.value)}>
            {patientThreads.map((th) => (
              <option key={th.id} value={th.id}>
                {th.title}
              </option>
            ))}
          </select>
        </div>
        {share.isError && <ErrorNotice error={share.error} />}
        <button type="submit" className="button button-primary" disabled={share.isPending || patientThreads.length === 0}>
          {t('share.submit')}
        </button>
        <p role="status" className="hint">
          {share.isSuccess ? t('share.done') : ''}
        </p>
      </form>
    </section>
  );
}

function MarkReviewed({ entryId }: { entryId: string }) {
  const { t } = useTranslation('library');
  const client = useQueryClient();
  const review = useMutation({
    mutationFn: () => api.put<LibraryEntryView>(`/api/library/${entryId}/reviewed`, {}),
    onSuccess: (entry) => client.setQueryData([`/api/library/${entryId}`], entry),
  });
  return (
    <div className="actions">
      {review.isError && <ErrorNotice error={review.error} />}
      <button type="button" className="button button-secondary" disabled={review.isPending} onClick={() => review.mutate()}>
        {t('editor.markReviewed')}
      </button>
    </div>
  );
}
