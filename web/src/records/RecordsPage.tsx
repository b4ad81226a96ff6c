import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentView, type RecordsView } from '../../../src/contracts/records.ts';
import { api } from '../api.ts';
import { messagingApi } from '../messaging/api.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { DocumentActions } from './DocumentActions.tsx';
import { DocumentFields, type DocumentFieldValues } from './DocumentFields.tsx';
import { SharedWith } from './SharedWith.tsx';

/** The patient's (or a caregiver's, with the records scope) documents: add one, see each with whom it was shared. */
export default function RecordsPage() {
  const { t } = useTranslation('records');
  const user = useUser();
  const patientId = user.role === 'caregiver' ? sessionStorage.getItem('wayfinder.home.actingFor') : user.id;
  const path = `/api/patients/${patientId ?? ''}/records`;
  const records = useQuery({ queryKey: [path], queryFn: () => api.get<RecordsView>(path), enabled: Boolean(patientId) });
  return (
    <Page title={t('title')}>
      <p className="lead">{t('intro')}</p>
      {records.isPending && patientId && <Loading />}
      {records.isError && <ErrorNotice error={records.error} onRetry={() => void records.refetch()} />}
      {records.data && patientId && <AddDocument patientId={patientId} threadId={records.data.threadId} listPath={path} />}
      {records.data && (
        <section aria-labelledby="records-list-heading" className="card">
          <h2 id="records-list-heading">{t('list.heading')}</h2>
          {records.data.documents.length === 0 ? <EmptyState>{t('list.empty')}</EmptyState> : <DocumentList documents={records.data.documents} patientId={patientId ?? ''} listPath={path} />}
        </section>
      )}
    </Page>
  );
}

function AddDocument({ patientId, threadId, listPath }: { patientId: string; threadId: string; listPath: string }) {
  const { t } = useTranslation('records');
  const client = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fields, setFields] = useState<DocumentFieldValues>({ kind: 'pathology', title: '', date: '' });
  const add = useMutation({
    mutationFn: async (file: File) => {
      const { id: attachmentId } = await messagingApi.upload(threadId, file);
      return api.post(`/api/patients/${patientId}/records`, { attachmentId, kind: fields.kind, title: fields.title.trim(), documentDate: fields.date || null });
    },
    onSuccess: async () => {
      setFields((f) => ({ ...f, title: '', date: '' }));
      if (fileRef.current) fileRef.current.value = '';
      await client.invalidateQueries({ queryKey: [listPath] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (file) add.mutate(file);
  };
  return (
    <section aria-labelledby="records-add-heading" className="card">
      <h2 id="records-add-heading">{t('upload.heading')}</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="record-file">{t('upload.file')}</label>
          <input id="record-file" ref={fileRef} type="file" required accept="application/pdf,image/jpeg,image/png" />
        </div>
        <DocumentFields value={fields} onChange={setFields} />
        {add.isError && <ErrorNotice error={add.error} />}
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('upload.sending') : t('upload.submit')}
        </button>
        <p role="status" className="hint">
          {add.isSuccess ? t('upload.done') : ''}
        </p>
      </form>
    </section>
  );
}

function DocumentList({ documents, patientId, listPath }: { documents: DocumentView[]; patientId: string; listPath: string }) {
  const { t, i18n } = useTranslation('records');
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  return (
    <ul className="plain-list records-list">
      {documents.map((d) => (
        <li key={d.id}>
          <h3 dir="auto">{d.title}</h3>
          <p className="hint">
            {t(`kind.${d.kind}`)}
            {d.documentDate && ` · ${t('list.dated', { date: day(d.documentDate) })}`}
            {' · '}
            {t('list.addedBy', { name: d.uploadedByName, date: day(d.createdAt) })}
          </p>
          <p>
            <a href={`/api/attachments/${d.attachmentId}`} download={d.fileName}>
              {t('list.download', { name: d.fileName })}
            </a>
          </p>
          <SharedWith shares={d.sharedWith} />
          <DocumentActions doc={d} patientId={patientId} listPath={listPath} />
        </li>
      ))}
    </ul>
  );
}
