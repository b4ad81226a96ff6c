import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Worklist, WorklistAlert } from '../../../src/contracts/worklist.ts';
import { api } from '../api.ts';
import { CaseloadTable } from '../components/CaseloadTable.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { dateTimeFormat, timeAgo } from '../shell/time.ts';
import './worklist.css';

export const WORKLIST_KEY = '/api/worklist';
const patientLink = (id: string) => `/navigator/patients/${id}`;

/** One part of the day: a heading with its count, then its entries or a sentence saying there are none. */
function Section({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="worklist-section" aria-labelledby={`wl-${id}`}>
      <h2 id={`wl-${id}`}>
        {title} <span className="worklist-count" data-testid={`count-${id}`}>{count}</span>
      </h2>
      {count === 0 ? <EmptyState>{empty}</EmptyState> : children}
    </section>
  );
}

function AlertItems({ alerts }: { alerts: WorklistAlert[] }) {
  const { t, i18n } = useTranslation('worklist');
  return (
    <ul className="plain-list worklist-items">
      {alerts.map((a) => (
        <li key={a.id} className={`worklist-item severity-${a.severity}`}>
          <Link to={`/navigator/alerts/${a.id}`} className="worklist-main">
            {t(`severity.${a.severity}`)}: {a.patientName}
          </Link>
          <span className="worklist-detail">{a.reasons.join(' · ')}</span>
          <span className="worklist-meta">
            {a.overdue ? <strong className="overdue">{t('overdue')}</strong> : t('dueAt', { time: dateTimeFormat(i18n.language).format(new Date(a.dueAt)) })}
            {' · '}
            <Link to={patientLink(a.patientId)}>{t('openPatient', { name: a.patientName })}</Link>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The navigator's home: what to do first, in order, each entry linking to the thing itself. Live through socket events. */
export function WorklistPage() {
  const { t, i18n } = useTranslation('worklist');
  const list = useQuery({ queryKey: [WORKLIST_KEY], queryFn: () => api.get<Worklist>(WORKLIST_KEY) });
  const fmt = dateTimeFormat(i18n.language);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const w = list.data;
    body = (
      <>
        <Section id="alerts" title={t('alerts')} count={w.alerts.length} empty={t('noAlerts')}>
          <AlertItems alerts={w.alerts} />
        </Section>
        <Section id="threads" title={t('threads')} count={w.threads.length} empty={t('noThreads')}>
          <ul className="plain-list worklist-items">
            {w.threads.map((th) => (
              <li key={th.id} className="worklist-item">
                <Link to={`/navigator/messages/${th.id}`} className="worklist-main">
                  {th.urgent && <strong className="overdue">{t('urgentThread')} </strong>}
                  {th.title}
                </Link>
                <span className="worklist-meta">
                  {th.awaitingSince && t('waitingSince', { time: fmt.format(new Date(th.awaitingSince)), ago: timeAgo(i18n.language, th.awaitingSince) })}
                  {' · '}
                  {t('unread', { count: th.unread })}
                  {th.patientId && (
                    <>
                      {' · '}
                      <Link to={patientLink(th.patientId)}>{t('openPatient', { name: th.patientName })}</Link>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <Section id="referrals" title={t('referrals')} count={w.referrals.length} empty={t('noReferrals')}>
          <ul className="plain-list worklist-items">
            {w.referrals.map((r) => (
              <li key={r.id} className="worklist-item">
                <Link to={`/navigator/referrals/${r.id}`} className="worklist-main">
                  {t(`referralType.${r.type}`)}: {r.patientName ?? t('unnamed')} → {r.toSiteName}
                </Link>
                <span className="worklist-meta">
                  {r.overdue ? <strong className="overdue">{t('deadlinePassed', { time: fmt.format(new Date(r.deadlineAt)) })}</strong> : t('deadline', { time: fmt.format(new Date(r.deadlineAt)) })}
                  {' · '}
                  <Link to={patientLink(r.patientId)}>{t('openPatient', { name: r.patientName ?? t('unnamed') })}</Link>
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <Section id="missed" title={t('missedCheckins')} count={w.missedCheckins.length} empty={t('noMissed')}>
          <AlertItems alerts={w.missedCheckins} />
        </Section>
        <Section id="tasks" title={t('tasks')} count={w.tasks.length} empty={t('noTasks')}>
          {w.tasks.length > 0 && (
            <ul className="plain-list worklist-items">
              {w.tasks.map((task) => (
                <li key={task.id} className="worklist-item">
                  <Link className="worklist-main" to={`/navigator/tasks/${task.id}`}>{task.title ?? t(`tasks:type.${task.type}`)}</Link>
                  <span className="worklist-meta">
                    {task.overdue ? <strong className="overdue">{t('overdue')}</strong> : t('dueAt', { time: fmt.format(new Date(task.dueAt)) })}
                    {' · '}
                    <Link to={patientLink(task.patientId)}>{t('openPatient', { name: task.patientName })}</Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="appointments" title={t('appointments')} count={w.appointments.length} empty={t('noAppointments')}>
          <ul className="plain-list worklist-items">
            {w.appointments.map((a) => (
              <li key={a.id} className="worklist-item">
                <Link to={patientLink(a.patientId)} className="worklist-main">
                  <time dateTime={a.startsAt}>{time.format(new Date(a.startsAt))}</time> {a.patientName}
                </Link>
                <span className="worklist-meta">{[a.title, a.siteName].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </Section>
      </>
    );
  }

  return (
    <Page title={t('title')}>
      {body}
      <section className="worklist-section" aria-labelledby="wl-caseload">
        <h2 id="wl-caseload">{t('caseload')}</h2>
        <CaseloadTable emptyText={t('noPatients')} patientLink={patientLink} />
      </section>
    </Page>
  );
}
