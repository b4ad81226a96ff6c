import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loadDraft } from '../checkins/drafts.ts';
import { useUser } from '../session.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { homeApi, type HomeView } from './api.ts';

/** First what needs the person: a due check-in, a consent asked for, a new summary, unread messages. */
export function NeedsYou({ home }: { home: HomeView }) {
  const { t } = useTranslation('home');
  const base = `/${useUser().role}`;
  const due = home.checkins?.due ?? [];
  const consents = home.consentRequests ?? [];
  const summaries = home.boardSummaries ?? [];
  const unread = home.messages?.unread ?? 0;
  const nothing = due.length === 0 && consents.length === 0 && summaries.length === 0 && unread === 0;
  return (
    <section aria-labelledby="needs-heading" className="card home-card">
      <h2 id="needs-heading">{t('needs.heading')}</h2>
      {nothing && <EmptyState>{t('needs.nothing')}</EmptyState>}
      <ul className="plain-list home-list">
        {due.map((d) =>
          d.instruments.map((instrument) => <DueCheckin key={`${d.id}-${instrument}`} base={base} patientId={home.patient.id} actingFor={home.actingFor} instrument={instrument} />),
        )}
        {consents.map((c) => (
          <ConsentRequest key={c.referralId} request={c} base={base} />
        ))}
        {summaries.map((s) => (
          <BoardSummary key={s.referralId} summary={s} base={base} />
        ))}
      </ul>
      {home.messages && (
        <p className="home-messages" aria-live="polite">
          {unread > 0 ? (
            <Link className="button button-secondary" to={`${base}/messages${home.messages.threadId ? `/${home.messages.threadId}` : ''}`}>
              {t('needs.unread', { count: unread })}
            </Link>
          ) : (
            <span>{t('needs.noUnread')}</span>
          )}
        </p>
      )}
    </section>
  );
}

function DueCheckin({ base, patientId, actingFor, instrument }: { base: string; patientId: string; actingFor: boolean; instrument: string }) {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation('checkins');
  const draft = loadDraft(patientId, instrument);
  const name = tc(`instruments.${instrument}.short`);
  const to = `${base}/checkin?start=${instrument}${actingFor ? `&patient=${patientId}` : ''}`;
  return (
    <li className="home-item home-item-due">
      <p>
        <strong>{t('needs.checkinDue', { name })}</strong>
      </p>
      <Link className="button button-primary" to={to}>
        {draft ? t('needs.checkinResume') : t('needs.checkinStart')}
      </Link>
    </li>
  );
}

/** The request links to the referral's consent page: what would be shared, with whom, agree or decline. */
function ConsentRequest({ request, base }: { request: NonNullable<HomeView['consentRequests']>[number]; base: string }) {
  const { t } = useTranslation('home');
  const { t: tr } = useTranslation('referrals');
  const { t: tf } = useTranslation('referralflow');
  return (
    <li className="home-item">
      <p>
        <strong>{t('needs.consent', { site: request.toSiteName, type: tr(`types.${request.type}`) })}</strong>
      </p>
      <p className="hint">{t('needs.consentHint')}</p>
      <Link className="button button-primary" to={`${base}/referrals/${request.referralId}`}>
        {tf('mine.readAndDecide')}
      </Link>
    </li>
  );
}

function BoardSummary({ summary, base }: { summary: NonNullable<HomeView['boardSummaries']>[number]; base: string }) {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation('casereview');
  const [open, setOpen] = useState(false);
  const text = useQuery({ queryKey: [`/api/referrals/${summary.referralId}/summary`], queryFn: () => homeApi.summary(summary.referralId), enabled: open });
  const id = `summary-${summary.referralId}`;
  return (
    <li className="home-item">
      <p>
        <strong>{t('needs.summary', { site: summary.toSiteName })}</strong>
      </p>
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)}>
        {open ? t('needs.summaryHide') : t('needs.summaryRead')}
      </button>
      <div id={id} hidden={!open}>
        {open && text.isPending && <Loading />}
        {text.isError && <ErrorNotice error={text.error} />}
        {text.data?.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
        {text.data?.note && <p>{text.data.note.text}</p>}
      </div>
      <Link className="button button-secondary" to={`${base}/summaries/${summary.referralId}`}>
        {tc('homeCard.open')}
      </Link>
    </li>
  );
}
