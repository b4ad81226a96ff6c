import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n.ts';
import { messagingApi, type ThreadSummary } from './api.ts';

export const INBOX_KEY = '/api/inbox';

/** The organization's reply templates in the thread's language, inserted into the draft for editing. */
export function Templates({ threadId, insert }: { threadId: string; insert: (text: string) => void }) {
  const { t } = useTranslation('messaging');
  const id = useId();
  const templates = useQuery({ queryKey: [`/api/threads/${threadId}/templates`], queryFn: () => messagingApi.templates(threadId) });
  const [choice, setChoice] = useState('');
  if (templates.isError) return <p role="alert" className="field-error">{errorMessage(t, templates.error)}</p>;
  const list = templates.data?.templates ?? [];
  if (list.length === 0) return null;
  return (
    <div className="chat-templates">
      <label htmlFor={id}>{t('page.templates')}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="" />
        {list.map((tp) => (
          <option key={tp.key} value={tp.key}>
            {tp.text}
          </option>
        ))}
      </select>
      <button type="button" className="button button-secondary" disabled={!choice} onClick={() => insert(list.find((x) => x.key === choice)?.text ?? '')}>
        {t('page.useTemplate')}
      </button>
    </div>
  );
}

/** Hands a care-team thread to another navigator of the patient's care team. */
export function HandOver({ thread }: { thread: ThreadSummary }) {
  const { t } = useTranslation('messaging');
  const id = useId();
  const client = useQueryClient();
  const candidates = useQuery({ queryKey: [`/api/threads/${thread.id}/handover-candidates`], queryFn: () => messagingApi.candidates(thread.id), enabled: thread.kind === 'care_team' });
  const [choice, setChoice] = useState('');
  const handOver = useMutation({
    mutationFn: (navigatorId: string) => messagingApi.handOver(thread.id, navigatorId),
    onSuccess: () => client.invalidateQueries({ queryKey: [INBOX_KEY] }),
  });
  if (thread.kind !== 'care_team') return null;
  if (candidates.isError) return <p role="alert" className="field-error">{errorMessage(t, candidates.error)}</p>;
  const navigators = candidates.data?.navigators ?? [];
  if (navigators.length === 0) return null;
  return (
    <form
      className="chat-handover"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) handOver.mutate(choice);
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
      <button type="submit" className="button button-secondary" disabled={!choice || handOver.isPending}>
        {t('page.handOverButton')}
      </button>
      {handOver.isSuccess && <p role="status">{t('page.handedOver')}</p>}
      {handOver.isError && <p role="alert" className="field-error">{errorMessage(t, handOver.error)}</p>}
    </form>
  );
}
