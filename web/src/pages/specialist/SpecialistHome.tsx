import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseReviewApi, paths, type SpecialistHomeView } from '../../casereview/api.ts';
import { CaseloadTable } from '../../components/CaseloadTable.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Deadline } from '../../referrals/Deadline.tsx';
import { useUser } from '../../session.tsx';
import { Page } from '../../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { dateTimeFormat } from '../../shell/time.ts';
import '../../casereview/casereview.css';

/** Same calendar day in the reader's own zone. */
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** The specialist's day: consultations to join, referrals due at their sites, case reviews, then their patients. */
export function SpecialistHome() {
  const { t } = useTranslation();
  const user = useUser();
  const home = useQuery({ queryKey: [paths.specialistHome], queryFn: caseReviewApi.specialistHome });
  return (
    <Page title={t('specialistHome.title')} heading={t('specialistHome.greeting', { name: user.name })}>
      {home.isPending && <Loading />}
      {home.isError && <ErrorNotice error={home.error} onRetry={() => void home.refetch()} />}
      {home.data && (
        <div className="specialist-home">
          <Consultations home={home.data} />
          <IncomingReferrals home={home.data} />
          <UpcomingReviews home={home.data} />
        </div>
      )}
      <section aria-labelledby="specialist-patients-heading">
        <h2 id="specialist-patients-heading">{t('specialistHome.patientsHeading')}</h2>
        <CaseloadTable emptyText={t('specialistHome.empty')} />
      </section>
    </Page>
  );
}

function Consultations({ home }: { home: SpecialistHomeView }) {
  const { t, i18n } = useTranslation('casereview');
  const now = new Date();
  const today = home.consultations.filter((a) => sameDay(new Date(a.startsAt), now) || Date.parse(a.startsAt) <= now.getTime());
  const later = home.consultations.filter((a) => !today.includes(a));
  const fmt = dateTimeFormat(i18n.language);
  const list = (items: SpecialistHomeView['consultations']) => (
    <ul className="plain-list cr-list">
      {items.map((a) => {
        const patient = a.participants.find((p) => p.role === 'patient')?.name ?? '';
        return (
          <li key={a.id} className="cr-item">
            <p>
              <strong>{a.title || t(`home.kind.${a.kind}`)}</strong> · {patient}
              <br />
              <time dateTime={a.startsAt}>{fmt.format(new Date(a.startsAt))}</time>
            </p>
            {a.kind === 'video' && (
              <Link className="button button-primary" to={`/specialist/video/appointment/${a.id}`} aria-label={t('home.joinWith', { name: patient })}>
                {t('home.join')}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
  return (
    <section aria-labelledby="sh-consults" className="card">
      <h2 id="sh-consults">{t('home.consultations')}</h2>
      <h3>{t('home.today')}</h3>
      {today.length ? list(today) : <EmptyState>{t('home.noneToday')}</EmptyState>}
      <h3>{t('home.upcoming')}</h3>
      {later.length ? list(later) : <EmptyState>{t('home.noneUpcoming')}</EmptyState>}
    </section>
  );
}

function IncomingReferrals({ home }: { home: SpecialistHomeView }) {
  const { t } = useTranslation('casereview');
  const { t: tr } = useTranslation('referrals');
  return (
    <section aria-labelledby="sh-incoming" className="card">
      <h2 id="sh-incoming">{t('home.incoming')}</h2>
      {home.incoming.length === 0 ? (
        <EmptyState>{t('home.noIncoming')}</EmptyState>
      ) : (
        <DataTable
          caption={t('home.incomingCaption')}
          rows={home.incoming}
          rowKey={(r) => r.id}
          columns={[
            { id: 'patient', header: tr('columns.patient'), rowHeader: true, cell: (r) => <Link to={`/specialist/referrals/${r.id}`}>{r.patientName ?? tr('incoming.unshared')}</Link> },
            { id: 'type', header: tr('columns.type'), cell: (r) => tr(`types.${r.type}`) },
            { id: 'state', header: tr('columns.state'), cell: (r) => tr(`states.${r.state}`) },
            { id: 'deadline', header: tr('columns.deadline'), cell: (r) => <Deadline at={r.deadlineAt} overdue={r.overdue} /> },
          ]}
        />
      )}
    </section>
  );
}

function UpcomingReviews({ home }: { home: SpecialistHomeView }) {
  const { t, i18n } = useTranslation('casereview');
  const fmt = dateTimeFormat(i18n.language);
  return (
    <section aria-labelledby="sh-reviews" className="card">
      <h2 id="sh-reviews">{t('home.caseReviews')}</h2>
      {home.caseReviews.length === 0 ? (
        <EmptyState>{t('home.noCaseReviews')}</EmptyState>
      ) : (
        <ul className="plain-list cr-list">
          {home.caseReviews.map((r) => (
            <li key={r.id} className="cr-item">
              <p>
                <Link to={`/specialist/case-reviews/${r.id}`}>{r.title}</Link>
                <br />
                <time dateTime={r.startsAt}>{fmt.format(new Date(r.startsAt))}</time> · {t(`status.${r.status}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/specialist/case-reviews">{t('home.allCaseReviews')}</Link>
      </p>
    </section>
  );
}
