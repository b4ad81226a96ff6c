import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentView } from '../../../src/contracts/records.ts';
import { ConfirmationOutcome, ConfirmDialog, useConfirmation } from '../account/ConfirmDialog.tsx';
import { api, ApiError } from '../api.ts';
import { ErrorNotice } from '../shell/status.tsx';
import { DocumentFields, type DocumentFieldValues } from './DocumentFields.tsx';

/**
 * Correct a document's type, title or date, or take it off "My records". The server keeps a document a
 * referral's records packet holds (conflict): that is said in plain words, not as a generic error.
 */
export function DocumentActions({ doc, patientId, listPath }: { doc: DocumentView; patientId: string; listPath: string }) {
  const { t } = useTranslation('records');
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState<DocumentFieldValues>({ kind: doc.kind, title: doc.title, date: doc.documentDate ?? '' });
  const removal = useConfirmation<DocumentView>();
  const path = `/api/patients/${patientId}/records/${doc.id}`;
  const save = useMutation({
    mutationFn: () => api.patch<void>(path, { kind: fields.kind, title: fields.title.trim(), documentDate: fields.date || null }),
    onSuccess: async () => {
      setEditing(false);
      removal.setDone(t('actions.updated'));
      await client.invalidateQueries({ queryKey: [listPath] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fields.title.trim()) save.mutate();
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
          <DocumentFields value={fields} onChange={setFields} />
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
