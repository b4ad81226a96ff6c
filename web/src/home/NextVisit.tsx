import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatWhen } from '../appointments/api.ts';
import { useUser } from '../session.tsx';
import { EmptyState } from '../shell/status.tsx';
import type { HomeView } from './api.ts';
import { AskQuestion, QuestionList } from './Questions.tsx';

/** What is coming: the next appointment, how to get there or join, what to bring, and the questions for it. */
export function NextVisit({ home }: { home: HomeView }) {
  const { t } = useTranslation('home');
  if (!home.openQuestions) {
    return (
      <section aria-labelledby="next-visit-heading" className="card home-card">
        <h2 id="next-visit-heading">{t('next.heading')}</h2>
        <p>{t('notShared', { name: home.patient.name })}</p>
      </section>
    );
  }
  const next = home.next;
  // A caregiver reads whose questions these are: "Ana García's questions", not "your questions".
  const whose = { context: home.actingFor ? 'acting' : undefined, name: home.patient.name };
  const elsewhere = next ? home.openQuestions.filter((q) => !next.questions.some((n) => n.id === q.id)) : home.openQuestions;
  return (
    <section aria-labelledby="next-visit-heading" className="card home-card">
      <h2 id="next-visit-heading">{t('next.heading')}</h2>
      {next ? <Appointment next={next} /> : <EmptyState>{t('next.none')}</EmptyState>}
      <h3 id="questions-heading">{next ? t('questions.forThisVisit', whose) : t('questions.forNextVisit', whose)}</h3>
      <QuestionList questions={next ? next.questions : home.openQuestions} labelledBy="questions-heading" emptyText={t('questions.none')} editable />
      {next && elsewhere.length > 0 && (
        <>
          <h3 id="later-questions-heading">{t('questions.later')}</h3>
          <QuestionList questions={elsewhere} labelledBy="later-questions-heading" emptyText="" editable />
        </>
      )}
      <AskQuestion patientId={home.patient.id} careTeam={home.careTeam} label={t('questions.new', whose)} />
    </section>
  );
}

function Appointment({ next }: { next: NonNullable<HomeView['next']> }) {
  const { t, i18n } = useTranslation('home');
  const { t: ta } = useTranslation('appointments');
  const base = `/${useUser().role}`;
  const a = next.appointment;
  const l = a.logistics;
  const others = a.participants.filter((p) => p.role !== 'patient' && p.role !== 'caregiver');
  return (
    <div className="home-appointment">
      <p className="home-when">
        <strong>{ta(`kind.${a.kind}`)}</strong>
        {' · '}
        <time dateTime={a.startsAt}>{formatWhen(a.startsAt, i18n.language, a.timezone)}</time>
      </p>
      <dl className="facts">
        <dt>{t('next.where')}</dt>
        <dd>{a.kind === 'video' ? t('next.online') : (a.siteName ?? ta(`kind.${a.kind}`))}</dd>
        {others.length > 0 && (
          <>
            <dt>{t('next.with')}</dt>
            <dd>{others.map((p) => `${p.name} (${ta(`role.${p.role}`)})`).join(', ')}</dd>
          </>
        )}
        {l.bring.length > 0 && (
          <>
            <dt>{t('next.bring')}</dt>
            <dd>{l.bring.join(', ')}</dd>
          </>
        )}
        {l.interpreterNeeded && (
          <>
            <dt>{t('next.interpreter')}</dt>
            <dd>{l.interpreterLanguage ? t('next.interpreterBooked', { language: l.interpreterLanguage }) : t('next.interpreterYes')}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        {a.kind === 'video' && (
          <>
            <Link className="button button-primary" to={`${base}/video/appointment/${a.id}`}>
              {t('next.join')}
            </Link>
            <Link className="button button-secondary" to={`${base}/video/check?appointment=${a.id}`}>
              {t('next.deviceCheck')}
            </Link>
          </>
        )}
        <Link className="button button-secondary" to={`${base}/appointments`}>
          {t('next.details')}
        </Link>
      </div>
    </div>
  );
}
