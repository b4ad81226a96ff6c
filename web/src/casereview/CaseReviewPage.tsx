import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { dateTimeFormat } from '../shell/time.ts';
import { caseReviewApi, paths, type CaseReview } from './api.ts';
import { CasePanel } from './CasePanel.tsx';
import './casereview.css';

const NEXT_STATUS: Record<string, ReadonlyArray<'live' | 'completed' | 'cancelled'>> = { scheduled: ['live', 'cancelled'], live: ['completed'] };

/** One case review: when, who, the agenda of cases and, for the case chosen, its packet and recommendation. */
export default function CaseReviewPage() {
  const { t, i18n } = useTranslation('casereview');
  const { id = '' } = useParams();
  const role = useUser().role;
  const [search] = useSearchParams();
  const review = useQuery({ queryKey: [paths.caseReview(id)], queryFn: () => caseReviewApi.get(id) });
  const client = useQueryClient();
  const status = useMutation({
    mutationFn: (next: 'live' | 'completed' | 'cancelled') => caseReviewApi.setStatus(id, next),
    onSuccess: (data) => client.setQueryData([paths.caseReview(id)], data),
  });

  if (review.isPending) return <Page title={t('list.title')}><Loading /></Page>;
  if (review.isError) return <Page title={t('list.title')}><ErrorNotice error={review.error} onRetry={() => void review.refetch()} /></Page>;
  const r = review.data;
  const host = r.myRole === 'host';
  const open = search.get('case');
  const item = r.agenda.find((a) => a.referralId === open);
  const fmt = dateTimeFormat(i18n.language);
  return (
    <Page title={r.title}>
      <p>
        <Link to={`/${role}/case-reviews`}>{t('session.back')}</Link>
      </p>
      <dl className="card cr-facts">
        <dt>{t('session.when')}</dt>
        <dd>
          <time dateTime={r.startsAt}>{fmt.format(new Date(r.startsAt))}</time> ({t('session.minutes', { count: r.durationMinutes })})
        </dd>
        <dt>{t('session.status')}</dt>
        <dd>{t(`status.${r.status}`)}</dd>
        <dt>{t('session.participants')}</dt>
        <dd>{r.participants.map((p) => `${p.name} (${t(`role.${p.role}`)})`).join(', ')}</dd>
      </dl>
      <div className="cr-actions">
        {(r.status === 'scheduled' || r.status === 'live') && (
          <Link className="button button-primary" to={`/${role}/video/case_review/${r.id}`}>
            {t('session.joinVideo')}
          </Link>
        )}
        {host &&
          (NEXT_STATUS[r.status] ?? []).map((next) => (
            <button key={next} type="button" className={next === 'cancelled' ? 'button button-secondary' : 'button button-primary'} disabled={status.isPending} onClick={() => status.mutate(next)}>
              {t(`session.to.${next}`)}
            </button>
          ))}
      </div>
      {status.isError && <ErrorNotice error={status.error} />}

      <section aria-labelledby="cr-agenda">
        <h2 id="cr-agenda">{t('session.agenda')}</h2>
        {r.agenda.length === 0 && <EmptyState>{t('session.agendaEmpty')}</EmptyState>}
        <ol className="cr-agenda">
          {r.agenda.map((a) => {
            const name = a.patientName ?? t('session.unshared');
            return (
              <li key={a.referralId}>
                <Link to={{ search: `?case=${a.referralId}` }} aria-current={a.referralId === open ? 'true' : undefined}>
                  {t('session.openCase', { position: a.position, name })}
                </Link>{' '}
                <span className="hint">
                  {a.topography ?? ''} {a.morphology ?? ''} · {a.hasRecommendation ? t('session.recommended') : t('session.awaiting')}
                </span>
              </li>
            );
          })}
        </ol>
        {host && (r.status === 'scheduled' || r.status === 'live') && <AddCase review={r} />}
      </section>
      {item && <CasePanel key={item.referralId} review={r} item={item} />}
    </Page>
  );
}

/** The host puts an accepted or scheduled referral to this site on the agenda. */
function AddCase({ review }: { review: CaseReview }) {
  const { t } = useTranslation('casereview');
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const incoming = useQuery({ queryKey: [paths.incoming], queryFn: caseReviewApi.incoming });
  const [choice, setChoice] = useState('');
  const onAgenda = new Set(review.agenda.map((a) => a.referralId));
  const candidates = (incoming.data?.referrals ?? []).filter((r) => r.toSiteId === review.siteId && (r.state === 'accepted' || r.state === 'scheduled') && !onAgenda.has(r.id));
  const add = useMutation({
    mutationFn: (referralId: string) => caseReviewApi.addCase(review.id, referralId),
    onSuccess: (data) => {
      client.setQueryData([paths.caseReview(review.id)], data);
      setChoice('');
      void client.invalidateQueries({ queryKey: [paths.incoming] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const referralId = choice || candidates[0]?.id;
    if (referralId) add.mutate(referralId);
  };
  if (incoming.isPending) return <Loading />;
  if (incoming.isError) return <ErrorNotice error={incoming.error} onRetry={() => void incoming.refetch()} />;
  if (candidates.length === 0) return <p className="hint">{t('session.noCandidates')}</p>;
  return (
    <form className="form card" onSubmit={submit}>
      <div className="field">
        <label htmlFor="cr-add">{t('session.addLabel')}</label>
        <select id="cr-add" value={choice || candidates[0]!.id} onChange={(e) => setChoice(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.patientName ?? tr('incoming.unshared')} · ${tr(`types.${c.type}`)} · ${tr(`states.${c.state}`)}`}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('session.addHint')}</p>
      {add.isError && <ErrorNotice error={add.error} />}
      <button type="submit" className="button button-secondary" disabled={add.isPending}>
        {t('session.add')}
      </button>
    </form>
  );
}
