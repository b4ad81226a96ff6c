import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { i18n } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { caseReviewApi, paths, type PatientSummary } from './api.ts';
import './casereview.css';

/**
 * The patient's plain-language summary of the experts' recommendation, composed in the patient's own
 * language, with the specialist's note as written; questions about it go to the care-team thread.
 */
export default function SummaryPage() {
  const { t, i18n: ui } = useTranslation('casereview');
  const { referralId = '' } = useParams();
  const base = `/${useUser().role}`;
  const summary = useQuery({ queryKey: [paths.summary(referralId)], queryFn: () => caseReviewApi.summary(referralId) });
  if (summary.isPending) return <Page title={t('summary.title')}><Loading /></Page>;
  if (summary.isError) return <Page title={t('summary.title')}><ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} /></Page>;
  const s = summary.data;
  const written = new Intl.DateTimeFormat(ui.language, { dateStyle: 'long' }).format(new Date(s.writtenAt));
  return (
    <Page title={t('summary.title')}>
      <p>
        <Link to={base}>{t('summary.back')}</Link>
      </p>
      <article className="card cr-summary" lang={s.locale} dir={i18n.dir(s.locale)} aria-labelledby="cr-summary-from">
        <h2 id="cr-summary-from">{t('summary.from', { site: s.siteName, date: written })}</h2>
        {s.paragraphs.map((p, n) => (
          <p key={n}>{p}</p>
        ))}
        {s.note && (
          <figure className="cr-note">
            <figcaption>{t('summary.noteCaption', { language: s.note.languageName })}</figcaption>
            <blockquote lang={s.note.language ?? undefined}>{s.note.text}</blockquote>
          </figure>
        )}
      </article>
      <AskCareTeam summary={s} written={written} base={base} />
    </Page>
  );
}

/** A question about the summary goes into the care-team thread, naming the summary it is about. */
function AskCareTeam({ summary, written, base }: { summary: PatientSummary; written: string; base: string }) {
  const { t } = useTranslation('casereview');
  const navigate = useNavigate();
  const threads = useQuery({ queryKey: ['/api/threads'], queryFn: caseReviewApi.threads });
  const [question, setQuestion] = useState('');
  const thread = threads.data?.threads.filter((x) => x.kind === 'care_team');
  const threadId = thread?.length === 1 ? thread[0]!.id : null;
  const ask = useMutation({
    mutationFn: (id: string) => caseReviewApi.ask(id, `${question.trim()}\n\n${t('summary.reference', { site: summary.siteName, date: written })}`),
    onSuccess: (_data, id) => void navigate(`${base}/messages/${id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (threadId && question.trim()) ask.mutate(threadId);
  };
  return (
    <section aria-labelledby="cr-ask" className="card">
      <h2 id="cr-ask">{t('summary.askHeading')}</h2>
      {threads.isPending && <Loading />}
      {threads.isError && <ErrorNotice error={threads.error} onRetry={() => void threads.refetch()} />}
      {threads.data && !threadId && <p>{t('summary.noThread')}</p>}
      {threadId && (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="cr-question">{t('summary.question')}</label>
            <textarea id="cr-question" rows={4} maxLength={3500} value={question} onChange={(e) => setQuestion(e.target.value)} required aria-describedby="cr-question-hint" />
          </div>
          <p id="cr-question-hint" className="hint">
            {t('summary.questionHint')}
          </p>
          {ask.isError && <ErrorNotice error={ask.error} />}
          <button type="submit" className="button button-primary" disabled={ask.isPending}>
            {t('summary.send')}
          </button>
        </form>
      )}
    </section>
  );
}
