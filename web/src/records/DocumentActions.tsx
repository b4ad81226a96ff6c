import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentView } from '../../../src/contracts/records.ts';
import { ConfirmationOutcome, ConfirmDialog, useConfirmation } from '../account/ConfirmDialog.tsx';
import { api, ApiError } from '../api.ts';
import { ErrorNotice } from '../shell/status.tsx';

/**
 * Correct a document's type, title or date, or take it off "My records". The server keeps a document a
 * referral's records packet holds (conflict): that is said in plain words, not as a generic error.
 */
export function DocumentActions({ doc, patientId, listPath }: { doc: DocumentView; patientId: string; listPath: string }) {
  const { t } = useTranslation('records');
  const client = useQueryClient();
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<DocumentKind>(doc.kind);
  const [title, setTitle] = useState(doc.title);
  const [date, setDate] = useState(doc.documentDate ?? '');
  const removal = useConfirmation<DocumentView>();
  const path = `/api/patients/${patientId}/records/${doc.id}`;
  const save = useMutation({
    mutationFn: () => api.patch<void>(path, { kind, title: title.trim(), documentDate: date || null }),
    onSuccess: async () => {
      setEditing(false);
      removal.setDone(t('actions.updated'));
      await client.invalidateQueries({ queryKey: [listPath] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) save.mutate();
  };
  const remove = () =>
    removal.confirm(async () => {
      await api.delete<void>(path);
      await client.invalidateQueries({ queryKey: [listPath] });
      return t('actions.deleted');
    });
  const inPacket = removal.error instanceof ApiError && removal.error.code === 'conflict';

  return (
    <>
      {editing ? (
        <form className="form document-edit" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${ids}-kind`}>{t('upload.kind')}</label>
            <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-title`}>{t('upload.title')}</label>
            <input id={`${ids}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-date`}>{t('upload.date')}</label>
            <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          {save.isError && <ErrorNotice error={save.error} />}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('actions.save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="button button-secondary" aria-label={t('actions.editNamed', { title: doc.title })} onClick={() => setEditing(true)}>
            {t('actions.edit')}
          </button>
          <button type="button" className="button button-secondary" aria-label={t('actions.deleteNamed', { title: doc.title })} onClick={() => removal.ask(doc)}>
            {t('actions.delete')}
          </button>
        </div>
      )}
      <ConfirmationOutcome done={removal.done} error={inPacket ? undefined : removal.error} />
      {inPacket && (
        <div role="alert" className="notice notice-error">
          <p>{t('actions.inPacket')}</p>
        </div>
      )}
      <ConfirmDialog
        open={removal.pending !== undefined}
        title={t('actions.confirmDelete', { title: doc.title })}
        confirmLabel={t('actions.delete')}
        cancelLabel={t('actions.cancel')}
        danger
        busy={removal.busy}
        onConfirm={() => void remove()}
        onCancel={removal.cancel}
      >
        <p>{t('actions.deleteExplained')}</p>
      </ConfirmDialog>
    </>
  );
}
