import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmationOutcome, ConfirmDialog, useConfirmation } from '../account/ConfirmDialog.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { homeApi, isQuestionsOrHome, type QuestionView } from './api.ts';

/** Rewrite or withdraw an open question (the server refuses once it is answered). */
export function QuestionActions({ question }: { question: QuestionView }) {
  const { t } = useTranslation('home');
  const client = useQueryClient();
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(question.body);
  const removal = useConfirmation<QuestionView>();
  const refresh = () => client.invalidateQueries({ predicate: (q) => isQuestionsOrHome(q.queryKey[0]) });
  const save = useMutation({
    mutationFn: () => homeApi.editQuestion(question.id, body.trim()),
    onSuccess: async () => {
      setEditing(false);
      removal.setDone(t('questions.updated'));
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) save.mutate();
  };
  const remove = () =>
    removal.confirm(async (q) => {
      await homeApi.deleteQuestion(q.id);
      await refresh();
      return t('questions.deleted');
    });

  return (
    <>
      {editing ? (
        <form className="form question-edit" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${ids}-body`}>{t('questions.editLabel')}</label>
            <textarea id={`${ids}-body`} required maxLength={500} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          {save.isError && <ErrorNotice error={save.error} />}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('questions.save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {t('questions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions question-actions">
          <button type="button" className="button button-secondary" aria-describedby={`${ids}-q`} onClick={() => setEditing(true)}>
            {t('questions.edit')}
          </button>
          <button type="button" className="button button-secondary" aria-describedby={`${ids}-q`} onClick={() => removal.ask(question)}>
            {t('questions.delete')}
          </button>
          <span id={`${ids}-q`} hidden>
            {question.body}
          </span>
        </div>
      )}
      <ConfirmationOutcome done={removal.done} error={removal.error} />
      <ConfirmDialog
        open={removal.pending !== undefined}
        title={t('questions.confirmDelete')}
        confirmLabel={t('questions.delete')}
        cancelLabel={t('questions.cancel')}
        danger
        busy={removal.busy}
        onConfirm={() => void remove()}
        onCancel={removal.cancel}
      >
        <p dir="auto">{question.body}</p>
      </ConfirmDialog>
    </>
  );
}
