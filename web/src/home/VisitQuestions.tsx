import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { appointmentQuestionsPath, homeApi, useLiveRefresh, type QuestionView } from './api.ts';
import './home.css';

/**
 * The patient's questions for this appointment, on the navigator's schedule and on the call screen:
 * open ones first, each can be marked answered with a short note; answered ones stay listed here.
 */
export function VisitQuestions({ appointmentId }: { appointmentId: string }) {
  const { t } = useTranslation('home');
  const path = appointmentQuestionsPath(appointmentId);
  const questions = useQuery({ queryKey: [path], queryFn: () => api.get<{ questions: QuestionView[] }>(path) });
  const headingId = useId();
  const list = questions.data?.questions ?? [];
  const open = list.filter((q) => !q.answeredAt);
  return (
    <section aria-labelledby={headingId} className="visit-questions">
      <h3 id={headingId}>{t('staff.heading', { count: open.length })}</h3>
      {questions.isPending && <Loading />}
      {questions.isError && <ErrorNotice error={questions.error} onRetry={() => void questions.refetch()} />}
      {questions.data && list.length === 0 && <p className="empty-state">{t('staff.none')}</p>}
      <ul className="question-list">
        {[...open, ...list.filter((q) => q.answeredAt)].map((q) => (
          <StaffQuestion key={q.id} question={q} appointmentId={appointmentId} />
        ))}
      </ul>
    </section>
  );
}

function StaffQuestion({ question: q, appointmentId }: { question: QuestionView; appointmentId: string }) {
  const { t } = useTranslation('home');
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [answering, setAnswering] = useState(false);
  const noteId = useId();
  const answer = useMutation({
    mutationFn: () => homeApi.answer(q.id, { note: note.trim(), appointmentId }),
    onSuccess: () => client.invalidateQueries({ queryKey: [appointmentQuestionsPath(appointmentId)] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answer.mutate();
  };
  return (
    <li>
      <p className="question-body" dir="auto">{q.body}</p>
      <p className="hint">
        {t('staff.askedBy', { name: q.authorName })}
        {q.clinicianName ? ` · ${t('questions.for', { name: q.clinicianName })}` : ''}
      </p>
      {q.answeredAt ? (
        <p className="hint">
          {t('questions.answeredBy', { name: q.answeredByName ?? '' })}
          {q.answerNote ? `: ${q.answerNote}` : ''}
        </p>
      ) : answering ? (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={noteId}>{t('staff.note')}</label>
            <textarea id={noteId} maxLength={1000} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {answer.isError && <ErrorNotice error={answer.error} />}
          <button type="submit" className="button button-primary" disabled={answer.isPending}>
            {t('staff.save')}
          </button>
        </form>
      ) : (
        <button type="button" className="button button-secondary" aria-label={`${t('staff.markAnswered')}: ${q.body}`} onClick={() => setAnswering(true)}>
          {t('staff.markAnswered')}
        </button>
      )}
    </li>
  );
}

/** The same list kept live (questions:changed and reconnects refetch it), for the call screen. */
export function LiveVisitQuestions({ appointmentId }: { appointmentId: string }) {
  useLiveRefresh([appointmentQuestionsPath(appointmentId)]);
  return <VisitQuestions appointmentId={appointmentId} />;
}
