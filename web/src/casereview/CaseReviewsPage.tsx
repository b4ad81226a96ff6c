import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { dateTimeFormat } from '../shell/time.ts';
import { caseReviewApi, paths } from './api.ts';
import './casereview.css';

/** Case reviews (virtual tumour boards) the user hosts or takes part in; a specialist convenes a new one here. */
export default function CaseReviewsPage() {
  const { t, i18n } = useTranslation('casereview');
  const role = useUser().role;
  const list = useQuery({ queryKey: [paths.caseReviews], queryFn: caseReviewApi.list });
  const fmt = dateTimeFormat(i18n.language);
  return (
    <Page title={t('list.title')}>
      {role === 'specialist' && <NewCaseReview />}
      <section aria-labelledby="cr-sessions">
        <h2 id="cr-sessions">{t('list.sessions')}</h2>
        {list.isPending && <Loading />}
        {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
        {list.data?.caseReviews.length === 0 && <EmptyState>{t('list.empty')}</EmptyState>}
        <ul className="plain-list cr-list">
          {list.data?.caseReviews.map((r) => (
            <li key={r.id} className="cr-item card">
              <p>
                <Link to={`/${role}/case-reviews/${r.id}`}>{r.title}</Link>
                <br />
                <time dateTime={r.startsAt}>{fmt.format(new Date(r.startsAt))}</time> · {t(`status.${r.status}`)} · {t(`role.${r.role}`)}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

/** A local date-time input value (YYYY-MM-DDTHH:mm) for tomorrow at 15:00, the reader's zone. */
function tomorrowAfternoon(): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T15:00`;
}

function NewCaseReview() {
  const { t } = useTranslation('casereview');
  const navigate = useNavigate();
  const client = useQueryClient();
  const home = useQuery({ queryKey: [paths.specialistHome], queryFn: caseReviewApi.specialistHome });
  const [title, setTitle] = useState('');
  const [siteId, setSiteId] = useState('');
  const [startsAt, setStartsAt] = useState(tomorrowAfternoon);
  const [duration, setDuration] = useState(60);
  const create = useMutation({
    mutationFn: () => caseReviewApi.create({ siteId: siteId || (home.data?.sites[0]?.id ?? ''), title, startsAt: new Date(startsAt).toISOString(), durationMinutes: duration }),
    onSuccess: async (review) => {
      await client.invalidateQueries({ predicate: (q) => [paths.caseReviews, paths.specialistHome].includes(String(q.queryKey[0])) });
      void navigate(`/specialist/case-reviews/${review.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const sites = home.data?.sites ?? [];
  return (
    <section aria-labelledby="cr-new" className="card">
      <h2 id="cr-new">{t('list.new')}</h2>
      {home.isError && <ErrorNotice error={home.error} />}
      {home.data && sites.length === 0 ? (
        <p>{t('list.noSite')}</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="cr-title">{t('list.titleLabel')}</label>
            <input id="cr-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="cr-site">{t('list.site')}</label>
            <select id="cr-site" value={siteId || (sites[0]?.id ?? '')} onChange={(e) => setSiteId(e.target.value)} required>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cr-start">{t('list.startsAt')}</label>
            <input id="cr-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="cr-duration">{t('list.duration')}</label>
            <input id="cr-duration" type="number" min={15} max={480} step={15} value={duration} onChange={(e) => setDuration(Number(e.target.value))} required />
          </div>
          {create.isError && <ErrorNotice error={create.error} />}
          <button type="submit" className="button button-primary" disabled={create.isPending || !home.data}>
            {t('list.create')}
          </button>
        </form>
      )}
    </section>
  );
}
