import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { homeApi, isQuestionsOrHome, type HomeView, type QuestionView } from './api.ts';
import { QuestionActions } from './QuestionActions.tsx';

/** `editable`: the patient's side may rewrite or withdraw each open question. */
export function QuestionList({ questions, labelledBy, emptyText, editable = false }: { questions: QuestionView[]; labelledBy: string; emptyText: string; editable?: boolean }) {
  const { t } = useTranslation('home');
  if (questions.length === 0) return emptyText ? <p className="empty-state">{emptyText}</p> : null;
  return (
    <ul className="question-list" aria-labelledby={labelledBy}>
      {questions.map((q) => (
        <li key={q.id}>
          <p className="question-body" dir="auto">{q.body}</p>
          <p className="hint">
            {q.clinicianName ? t('questions.for', { name: q.clinicianName }) : t('questions.forAnyone')}
            {q.answeredAt && ` · ${t('questions.answeredBy', { name: q.answeredByName ?? '' })}${q.answerNote ? `: ${q.answerNote}` : ''}`}
          </p>
          {editable && !q.answeredAt && <QuestionActions question={q} />}
        </li>
      ))}
    </ul>
  );
}

/** The patient (or caregiver) writes a question at any time, for one clinician or whoever they see next. */
export function AskQuestion({ patientId, careTeam, label }: { patientId: string; careTeam: HomeView['careTeam']; label: string }) {
  const { t } = useTranslation('home');
  const { t: ta } = useTranslation('appointments');
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [saved, setSaved] = useState(false);
  const ids = useId();
  const ask = useMutation({
    mutationFn: () => homeApi.ask(patientId, { body: body.trim(), clinicianId: clinicianId || null }),
    onSuccess: async () => {
      setBody('');
      setSaved(true);
      await client.invalidateQueries({ predicate: (q) => isQuestionsOrHome(q.queryKey[0]) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (body.trim()) ask.mutate();
  };
  return (
    <form className="form ask-question" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${ids}-body`}>{label}</label>
        <textarea id={`${ids}-body`} required maxLength={500} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-who`}>{t('questions.who')}</label>
        <select id={`${ids}-who`} value={clinicianId} onChange={(e) => setClinicianId(e.target.value)}>
          <option value="">{t('questions.anyone')}</option>
          {careTeam.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name} ({ta(`role.${m.role}`)})
            </option>
          ))}
        </select>
      </div>
      {ask.isError && <ErrorNotice error={ask.error} />}
      <button type="submit" className="button button-primary" disabled={ask.isPending}>
        {t('questions.add')}
      </button>
      <p role="status" className="hint">
        {saved ? t('questions.saved') : ''}
      </p>
    </form>
  );
}
