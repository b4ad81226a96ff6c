import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import './appointments.css';
import { appointmentsApi, formatTime, formatWhen, type AppointmentView, type Site } from './api.ts';
import { VisitQuestions } from '../home/VisitQuestions.tsx';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const toIso = (local: string) => new Date(local).toISOString();

/** A form action: clears the last error, runs, then `after` on success or keeps the error to show. */
function useAction() {
  const [error, setError] = useState<unknown>(undefined);
  const run = async (fn: () => Promise<unknown>, after: () => void) => {
    setError(undefined);
    try {
      await fn();
      after();
    } catch (e) {
      setError(e);
    }
  };
  return { error, run };
}

interface PatientDetail {
  careTeam: Array<{ userId: string; name: string; role: string }>;
  caregivers: Array<{ id: string; name: string; scopes: string[] }>;
}

/** The navigator's scheduling view: a patient's appointments with conflict warnings, and the forms to plan. */
export default function SchedulePage() {
  const { t } = useTranslation('appointments');
  const caseload = useApiData<{ patients: Array<{ id: string; name: string }> }>('/api/caseload');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  if (caseload.status === 'loading') return <Page title={t('schedule.title')}><Loading /></Page>;
  if (caseload.status === 'error') return <Page title={t('schedule.title')}><ErrorNotice error={caseload.error} onRetry={caseload.reload} /></Page>;
  const patientId = chosen ?? caseload.data.patients[0]?.id;
  return (
    <Page title={t('schedule.title')}>
      {patientId ? (
        <>
          <div className="field">
            <label htmlFor="sched-patient">{t('schedule.patient')}</label>
            <select id="sched-patient" value={patientId} onChange={(e) => setChosen(e.target.value)}>
              {caseload.data.patients.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <PatientSchedule key={patientId} patientId={patientId} />
        </>
      ) : (
        <EmptyState>{t('schedule.noPatients')}</EmptyState>
      )}
    </Page>
  );
}

function PatientSchedule({ patientId }: { patientId: string }) {
  const { t } = useTranslation('appointments');
  const list = useApiData<{ appointments: AppointmentView[] }>(`/api/appointments?patientId=${patientId}`);
  const sites = useApiData<{ sites: Site[] }>('/api/scheduling/sites');
  const patient = useApiData<PatientDetail>(`/api/patients/${patientId}`);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const changed = (message: string) => {
    setNotice(message);
    list.reload();
  };
  return (
    <>
      {notice && (
        <p role="status" className="notice notice-info">
          {notice}
        </p>
      )}
      <section aria-labelledby="sched-list-heading" className="card">
        <h2 id="sched-list-heading">{t('schedule.appointments')}</h2>
        <p className="hint">{t('schedule.zoneNote', { zone: BROWSER_ZONE })}</p>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorNotice error={list.error} onRetry={list.reload} />}
        {list.status === 'ready' &&
          (list.data.appointments.length === 0 ? (
            <EmptyState>{t('schedule.none')}</EmptyState>
          ) : (
            <ul className="plain-list sched-list">
              {list.data.appointments.map((a) => (
                <AppointmentRow key={a.id} appointment={a} all={list.data.appointments} onChanged={changed} />
              ))}
            </ul>
          ))}
      </section>
      {sites.status === 'ready' && patient.status === 'ready' && <NewAppointment patientId={patientId} sites={sites.data.sites} patient={patient.data} onCreated={changed} />}
      {sites.status === 'ready' && <TreatmentForm patientId={patientId} sites={sites.data.sites} onAdded={changed} />}
      {sites.status === 'ready' && <TravelTimeForm sites={sites.data.sites} onSaved={changed} />}
    </>
  );
}

function AppointmentRow({ appointment: a, all, onChanged }: { appointment: AppointmentView; all: AppointmentView[]; onChanged: (m: string) => void }) {
  const { t, i18n } = useTranslation('appointments');
  const [editing, setEditing] = useState(false);
  const { error, run: runAction } = useAction();
  const other = (id: string) => all.find((x) => x.id === id);
  const run = (fn: () => Promise<unknown>, message: string) =>
    runAction(fn, () => {
      setEditing(false);
      onChanged(message);
    });
  const reschedule = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void run(() => appointmentsApi.reschedule(a.id, { startsAt: toIso(String(f.get('startsAt'))), endsAt: toIso(String(f.get('endsAt'))) }), t('schedule.saved'));
  };
  const headingId = `appt-${a.id}`;
  return (
    <li className="sched-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`kind.${a.kind}`)} · <time dateTime={a.startsAt}>{formatWhen(a.startsAt, i18n.language, BROWSER_ZONE)}</time>–{formatTime(a.endsAt, i18n.language, BROWSER_ZONE)}
      </h3>
      <p>
        {a.siteName ?? t('schedule.noSite')} · {t(`status.${a.status}`)} · {a.participants.map((p) => `${p.name} (${t(`role.${p.role}`)})`).join(', ')}
      </p>
      {a.status !== 'cancelled' && <VisitQuestions appointmentId={a.id} />}
      {a.status === 'change_requested' && a.changeReason && <p className="notice notice-info">{t('schedule.changeRequested', { reason: a.changeReason })}</p>}
      {a.conflicts.length > 0 && (
        <div className="notice notice-warning" role="group" aria-label={t('schedule.conflictsHeading')}>
          <p>
            <strong>{t('schedule.conflictsHeading')}</strong>
          </p>
          <ul>
            {a.conflicts.map((c) => {
              const time = other(c.withAppointmentId) ? formatTime(other(c.withAppointmentId)!.startsAt, i18n.language, BROWSER_ZONE) : '';
              return <li key={`${c.kind}-${c.withAppointmentId}`}>{c.kind === 'overlap' ? t('schedule.conflict.overlap', { time }) : t('schedule.conflict.travel', { time, gap: c.gapMinutes, travel: c.travelMinutes })}</li>;
            })}
          </ul>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {a.status !== 'cancelled' && (
        <div className="actions">
          <button type="button" className="button button-secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
            {t('schedule.reschedule')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => void run(() => appointmentsApi.cancel(a.id), t('schedule.cancelled'))}>
            {t('schedule.cancelAppointment')}
          </button>
        </div>
      )}
      {editing && (
        <form className="form" onSubmit={reschedule}>
          <DateTimeField name="startsAt" label={t('schedule.starts')} />
          <DateTimeField name="endsAt" label={t('schedule.ends')} />
          <button type="submit" className="button button-primary">
            {t('schedule.save')}
          </button>
        </form>
      )}
    </li>
  );
}

function DateTimeField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const id = `f-${name}-${label.length}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="datetime-local" required={required} />
    </div>
  );
}

function SiteSelect({ sites, name, label, optional }: { sites: Site[]; name: string; label: string; optional?: boolean }) {
  const { t } = useTranslation('appointments');
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={optional ? '' : sites[0]?.id}>
        {optional && <option value="">{t('schedule.noSite')}</option>}
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function NewAppointment({ patientId, sites, patient, onCreated }: { patientId: string; sites: Site[]; patient: PatientDetail; onCreated: (m: string) => void }) {
  const { t } = useTranslation('appointments');
  const { error, run } = useAction();
  const people = [...patient.careTeam.map((m) => ({ id: m.userId, name: m.name, role: m.role })), ...patient.caregivers.filter((c) => c.scopes.includes('appointments')).map((c) => ({ id: c.id, name: c.name, role: 'caregiver' }))];
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const kind = String(f.get('kind'));
    const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    const body = {
        patientId,
        kind,
        startsAt: toIso(String(f.get('startsAt'))),
        endsAt: toIso(String(f.get('endsAt'))),
        ...(kind === 'in_person' && f.get('siteId') ? { siteId: String(f.get('siteId')) } : {}),
        participantIds: f.getAll('participantIds').map(String),
        ...(text('title') ? { title: text('title') } : {}),
        logistics: {
          interpreterNeeded: f.get('interpreterNeeded') === 'on',
          ...(text('interpreterLanguage') ? { interpreterLanguage: text('interpreterLanguage') } : {}),
          ...(text('travelNotes') ? { travelNotes: text('travelNotes') } : {}),
          ...(text('lodgingNotes') ? { lodgingNotes: text('lodgingNotes') } : {}),
          bring: String(f.get('bring') ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
        },
    };
    void run(() => appointmentsApi.create(body), () => {
      form.reset();
      onCreated(t('schedule.created'));
    });
  };
  return (
    <section aria-labelledby="new-appt-heading" className="card">
      <h2 id="new-appt-heading">{t('schedule.new')}</h2>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="f-kind">{t('schedule.kind')}</label>
          <select id="f-kind" name="kind" defaultValue="in_person">
            {(['in_person', 'video', 'phone'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <SiteSelect sites={sites} name="siteId" label={t('schedule.site')} />
        <DateTimeField name="startsAt" label={t('schedule.starts')} />
        <DateTimeField name="endsAt" label={t('schedule.ends')} />
        <div className="field">
          <label htmlFor="f-title">{t('schedule.purpose')}</label>
          <input id="f-title" name="title" maxLength={200} />
        </div>
        <fieldset className="field">
          <legend>{t('schedule.participants')}</legend>
          {people.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" name="participantIds" value={p.id} /> {p.name} ({t(`role.${p.role}`)})
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" name="interpreterNeeded" /> {t('schedule.interpreterNeeded')}
        </label>
        <div className="field">
          <label htmlFor="f-lang">{t('schedule.interpreterLanguage')}</label>
          <input id="f-lang" name="interpreterLanguage" pattern="[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*" />
        </div>
        <div className="field">
          <label htmlFor="f-travel">{t('schedule.travelNotes')}</label>
          <textarea id="f-travel" name="travelNotes" maxLength={2000} />
        </div>
        <div className="field">
          <label htmlFor="f-lodging">{t('schedule.lodgingNotes')}</label>
          <textarea id="f-lodging" name="lodgingNotes" maxLength={2000} />
        </div>
        <div className="field">
          <label htmlFor="f-bring">{t('schedule.bring')}</label>
          <textarea id="f-bring" name="bring" />
        </div>
        <button type="submit" className="button button-primary">
          {t('schedule.create')}
        </button>
      </form>
    </section>
  );
}

function TreatmentForm({ patientId, sites, onAdded }: { patientId: string; sites: Site[]; onAdded: (m: string) => void }) {
  const { t } = useTranslation('appointments');
  const { error, run } = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const num = (k: string) => (f.get(k) ? Number(f.get(k)) : undefined);
    const str = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    const body = {
        patientId,
        kind: String(f.get('treatmentKind')),
        startsAt: toIso(String(f.get('tStartsAt'))),
        ...(str('tEndsAt') ? { endsAt: toIso(String(f.get('tEndsAt'))) } : {}),
        ...(str('label') ? { label: str('label') } : {}),
        ...(num('cycle') ? { cycle: num('cycle') } : {}),
        ...(num('cyclesTotal') ? { cyclesTotal: num('cyclesTotal') } : {}),
        ...(str('tSiteId') ? { siteId: str('tSiteId') } : {}),
    };
    void run(() => appointmentsApi.addTreatment(body), () => {
      form.reset();
      onAdded(t('schedule.treatmentAdded'));
    });
  };
  return (
    <section aria-labelledby="treatment-heading" className="card">
      <h2 id="treatment-heading">{t('schedule.treatment')}</h2>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="f-tkind">{t('schedule.treatmentKind')}</label>
          <select id="f-tkind" name="treatmentKind">
            {(['surgery', 'chemotherapy', 'radiotherapy', 'other'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`timeline.treatment.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-tlabel">{t('schedule.treatmentLabel')}</label>
          <input id="f-tlabel" name="label" maxLength={200} />
        </div>
        <DateTimeField name="tStartsAt" label={t('schedule.starts')} />
        <DateTimeField name="tEndsAt" label={t('schedule.ends')} required={false} />
        <div className="field">
          <label htmlFor="f-cycle">{t('schedule.cycle')}</label>
          <input id="f-cycle" name="cycle" type="number" min={1} max={100} />
        </div>
        <div className="field">
          <label htmlFor="f-cycles">{t('schedule.cyclesTotal')}</label>
          <input id="f-cycles" name="cyclesTotal" type="number" min={1} max={100} />
        </div>
        <SiteSelect sites={sites} name="tSiteId" label={t('schedule.site')} optional />
        <button type="submit" className="button button-secondary">
          {t('schedule.addTreatment')}
        </button>
      </form>
    </section>
  );
}

function TravelTimeForm({ sites, onSaved }: { sites: Site[]; onSaved: (m: string) => void }) {
  const { t } = useTranslation('appointments');
  const { error, run } = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { fromSiteId: String(f.get('fromSiteId')), toSiteId: String(f.get('toSiteId')), minutes: Number(f.get('minutes')) };
    void run(() => appointmentsApi.setTravel(body), () => onSaved(t('schedule.travelSaved')));
  };
  return (
    <section aria-labelledby="travel-heading" className="card">
      <h2 id="travel-heading">{t('schedule.travelTimes')}</h2>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="form" onSubmit={submit}>
        <SiteSelect sites={sites} name="fromSiteId" label={t('schedule.from')} />
        <SiteSelect sites={sites} name="toSiteId" label={t('schedule.to')} />
        <div className="field">
          <label htmlFor="f-minutes">{t('schedule.minutes')}</label>
          <input id="f-minutes" name="minutes" type="number" min={0} max={1440} required />
        </div>
        <button type="submit" className="button button-secondary">
          {t('schedule.saveTravel')}
        </button>
      </form>
    </section>
  );
}
