import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import './appointments.css';
import { appointmentsApi, formatWhen, type AppointmentView, type CareTimeline } from './api.ts';
import { TimelineView } from './Timeline.tsx';

/** The patient's (and a caregiver's) "what's next": the next appointment with what to do, then the timeline. */
export default function WhatsNextPage() {
  const user = useUser();
  return user.role === 'caregiver' ? <CaregiverWhatsNext /> : <WhatsNext patientId={user.id} />;
}

/** A caregiver sees the plan of a patient who granted them the appointments scope. */
function CaregiverWhatsNext() {
  const { t } = useTranslation('appointments');
  const patients = useApiData<{ patients: Array<{ id: string; name: string; scopes: string[] }> }>('/api/caregiver/patients');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  if (patients.status === 'loading') return <Page title={t('whatsNext.title')}><Loading /></Page>;
  if (patients.status === 'error') return <Page title={t('whatsNext.title')}><ErrorNotice error={patients.error} onRetry={patients.reload} /></Page>;
  const mine = patients.data.patients.filter((p) => p.scopes.includes('appointments'));
  const patientId = chosen ?? mine[0]?.id;
  if (!patientId) return <Page title={t('whatsNext.title')}><EmptyState>{t('whatsNext.noPatients')}</EmptyState></Page>;
  return (
    <WhatsNext patientId={patientId}>
      {mine.length > 1 && (
        <div className="field">
          <label htmlFor="wn-patient">{t('whatsNext.patient')}</label>
          <select id="wn-patient" value={patientId} onChange={(e) => setChosen(e.target.value)}>
            {mine.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </WhatsNext>
  );
}

function WhatsNext({ patientId, children }: { patientId: string; children?: ReactNode }) {
  const { t } = useTranslation('appointments');
  const user = useUser();
  const list = useApiData<{ appointments: AppointmentView[] }>(`/api/appointments?patientId=${patientId}`);
  const timeline = useApiData<CareTimeline>(`/api/patients/${patientId}/timeline`);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const changed = (message: string) => {
    setNotice(message);
    list.reload();
    timeline.reload();
  };
  const [now] = useState(() => Date.now());
  const next = list.status === 'ready' ? list.data.appointments.find((a) => Date.parse(a.endsAt) >= now && a.status !== 'cancelled') : undefined;
  return (
    <Page title={t('whatsNext.title')}>
      {children}
      <section aria-labelledby="next-heading" className="card">
        <h2 id="next-heading">{t('whatsNext.nextStep')}</h2>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorNotice error={list.error} onRetry={list.reload} />}
        {notice && (
          <p role="status" className="notice notice-info">
            {notice}
          </p>
        )}
        {list.status === 'ready' && (next ? <NextAppointment appointment={next} onChange={changed} /> : <EmptyState>{t('whatsNext.nothingNext')}</EmptyState>)}
      </section>
      {timeline.status === 'loading' && <Loading />}
      {timeline.status === 'error' && <ErrorNotice error={timeline.error} onRetry={timeline.reload} />}
      {timeline.status === 'ready' && <TimelineView timeline={timeline.data} timeZone={user.timezone} now={now} />}
      <CalendarFeed />
    </Page>
  );
}

function NextAppointment({ appointment: a, onChange }: { appointment: AppointmentView; onChange: (message: string) => void }) {
  const { t, i18n } = useTranslation('appointments');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const respond = async (body: { action: 'confirm' } | { action: 'request_change'; reason: string }) => {
    setError(undefined);
    try {
      await appointmentsApi.respond(a.id, body);
      setAsking(false);
      onChange(body.action === 'confirm' ? t('whatsNext.confirmed') : t('whatsNext.changeSent'));
    } catch (e) {
      setError(e);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void respond({ action: 'request_change', reason });
  };
  const others = a.participants.filter((p) => p.role !== 'patient');
  const l = a.logistics;
  return (
    <div className="next-appointment">
      <p className="next-when">
        <strong>{t(`kind.${a.kind}`)}</strong> · <time dateTime={a.startsAt}>{formatWhen(a.startsAt, i18n.language, a.timezone)}</time>
      </p>
      <dl className="facts">
        <dt>{t('whatsNext.where')}</dt>
        <dd>{a.siteName ?? t(`kind.${a.kind}`)}</dd>
        {others.length > 0 && (
          <>
            <dt>{t('whatsNext.with')}</dt>
            <dd>{others.map((p) => `${p.name} (${t(`role.${p.role}`)})`).join(', ')}</dd>
          </>
        )}
        <dt>{t('whatsNext.status')}</dt>
        <dd>{t(`status.${a.status}`)}</dd>
      </dl>
      <p className="hint">{t('whatsNext.timeZone', { zone: a.timezone })}</p>
      {(l.interpreterNeeded || l.travelNotes || l.lodgingNotes || l.bring.length > 0) && (
        <>
          <h3>{t('logistics.heading')}</h3>
          <ul className="plain-list">
            {l.interpreterNeeded && <li>{l.interpreterLanguage ? t('logistics.interpreter', { language: l.interpreterLanguage }) : t('logistics.interpreterNoLanguage')}</li>}
            {l.travelNotes && (
              <li>
                {t('logistics.travel')}: {l.travelNotes}
              </li>
            )}
            {l.lodgingNotes && (
              <li>
                {t('logistics.lodging')}: {l.lodgingNotes}
              </li>
            )}
            {l.bring.length > 0 && (
              <li>
                {t('logistics.bring')}: {l.bring.join(', ')}
              </li>
            )}
          </ul>
        </>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        {a.status !== 'confirmed' && (
          <button type="button" className="button button-primary" onClick={() => void respond({ action: 'confirm' })}>
            {t('whatsNext.confirm')}
          </button>
        )}
        <button type="button" className="button button-secondary" aria-expanded={asking} onClick={() => setAsking((v) => !v)}>
          {t('whatsNext.askChange')}
        </button>
        <a className="button button-secondary" href={`/api/appointments/${a.id}/ics`} download>
          {t('whatsNext.addToCalendar')}
        </a>
      </div>
      {asking && (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="change-reason">{t('whatsNext.reason')}</label>
            <textarea id="change-reason" required minLength={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary">
            {t('whatsNext.sendRequest')}
          </button>
        </form>
      )}
    </div>
  );
}

function CalendarFeed() {
  const { t } = useTranslation('appointments');
  const status = useApiData<{ active: boolean }>('/api/calendar/feed');
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const act = async (fn: () => Promise<void>) => {
    setError(undefined);
    try {
      await fn();
      status.reload();
    } catch (e) {
      setError(e);
    }
  };
  const active = url !== undefined || (status.status === 'ready' && status.data.active);
  return (
    <section aria-labelledby="feed-heading" className="card">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      <p>{t('feed.intro')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {url ? (
        <div className="field">
          <label htmlFor="feed-url">{t('feed.url')}</label>
          <input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : (
        <p>{active ? t('feed.active') : t('feed.none')}</p>
      )}
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void act(async () => setUrl((await appointmentsApi.rotateFeed()).url))}>
          {active ? t('feed.rotate') : t('feed.create')}
        </button>
        {active && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              void act(async () => {
                await appointmentsApi.revokeFeed();
                setUrl(undefined);
              })
            }
          >
            {t('feed.revoke')}
          </button>
        )}
      </div>
    </section>
  );
}
