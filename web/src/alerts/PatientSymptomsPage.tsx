import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { INSTRUMENT_IDS, type InstrumentId } from '../../../src/contracts/checkins.ts';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { SymptomsSection } from '../patients/sections/SymptomsSection.tsx';
import './alerts.css';
import { ClinicalFlags } from '../rules/ClinicalFlags.tsx';

interface Palliative { prompt: boolean; computed: Array<{ criterion: string; met: boolean }>; checklist: Array<{ criterion: string; checked: boolean }> }

/** A patient's symptom trend, Hui palliative prompts and check-in schedule, for the care team. */
export default function PatientSymptomsPage() {
  const { t } = useTranslation('checkins');
  const { id = '' } = useParams();
  const patient = useApiData<{ name: string }>(`/api/patients/${id}`);
  const title = patient.status === 'ready' ? patient.data.name : t('ui.patient.trend');
  return (
    <Page title={title}>
      <ClinicalFlags patientId={id} />
      <SymptomsSection patientId={id} />
      <PalliativeSection patientId={id} />
      <ScheduleSection patientId={id} />
    </Page>
  );
}

/** Hui criteria for a palliative-care referral: computed from check-ins, and the team's checklist. */
export function PalliativeSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation('checkins');
  const palliative = useApiData<Palliative>(`/api/patients/${patientId}/palliative`);
  return (
    <section aria-labelledby="palliative">
      <h2 id="palliative">{t('ui.patient.palliative')}</h2>
      {palliative.status === 'ready' && <PalliativePanel patientId={patientId} data={palliative.data} reload={palliative.reload} />}
      {palliative.status === 'error' && <ErrorNotice error={palliative.error} onRetry={palliative.reload} />}
    </section>
  );
}

function PalliativePanel({ patientId, data, reload }: { patientId: string; data: Palliative; reload: () => void }) {
  const { t } = useTranslation('checkins');
  const tick = async (criterion: string, checked: boolean) => {
    await api.put(`/api/patients/${patientId}/palliative/${criterion}`, { checked });
    reload();
  };
  return (
    <>
      <p className={data.prompt ? 'notice notice-info' : ''} role={data.prompt ? 'status' : undefined}>{data.prompt ? t('ui.patient.palliativePrompt') : t('ui.patient.palliativeNone')}</p>
      <h3>{t('ui.patient.computed')}</h3>
      <ul className="criteria">
        {data.computed.map((c) => <li key={c.criterion} className={c.met ? 'met' : ''}>{c.met ? '● ' : '○ '}{t(`ui.patient.criteria.${c.criterion}`)}</li>)}
      </ul>
      <fieldset>
        <legend>{t('ui.patient.checklist')}</legend>
        {data.checklist.map((c) => (
          <label key={c.criterion} className="check">
            <input type="checkbox" checked={c.checked} onChange={(e) => void tick(c.criterion, e.target.checked)} />
            <span>{t(`ui.patient.criteria.${c.criterion}`)}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** The check-in schedule: frequency, hour, instruments; start and stop. */
export function ScheduleSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation('checkins');
  const current = useApiData<{ schedule: { frequency: string; instruments: InstrumentId[]; hour: number; active: boolean } | null }>(`/api/patients/${patientId}/checkin-schedule`);
  const [saved, setSaved] = useState('');
  if (current.status !== 'ready') return null;
  const s = current.data.schedule;
  const save = async (form: FormData, active: boolean) => {
    const instruments = INSTRUMENT_IDS.filter((i) => form.get(`inst-${i}`) === 'on');
    await api.put(`/api/patients/${patientId}/checkin-schedule`, { frequency: form.get('frequency'), hour: Number(form.get('hour')), instruments: instruments.length ? instruments : ['esas-r'], active });
    setSaved(active ? t('ui.patient.active') : t('ui.patient.stopped'));
    current.reload();
  };
  return (
    <section aria-labelledby="schedule">
      <h2 id="schedule">{t('ui.patient.schedule')}</h2>
      <p role="status">{saved || (s ? (s.active ? t('ui.patient.active') : t('ui.patient.stopped')) : '')}</p>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void save(new FormData(e.currentTarget), true); }}>
        <div className="field">
          <label htmlFor="sched-frequency">{t('ui.patient.frequency')}</label>
          <select id="sched-frequency" name="frequency" defaultValue={s?.frequency ?? 'weekly'}>
            {['daily', 'weekly', 'biweekly', 'monthly'].map((f) => <option key={f} value={f}>{t(`ui.patient.freq.${f}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sched-hour">{t('ui.patient.hour')}</label>
          <input id="sched-hour" name="hour" type="number" min={0} max={23} defaultValue={s?.hour ?? 10} />
        </div>
        <fieldset>
          <legend>{t('ui.patient.instrument')}</legend>
          {INSTRUMENT_IDS.map((i) => (
            <label key={i} className="check">
              <input type="checkbox" name={`inst-${i}`} defaultChecked={s ? s.instruments.includes(i) : i === 'esas-r'} />
              <span>{t(`instruments.${i}.short`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary">{t('ui.patient.saveSchedule')}</button>
        {s?.active && (
          <button type="button" className="button button-secondary" onClick={(e) => void save(new FormData(e.currentTarget.form!), false)}>
            {t('ui.patient.stop')}
          </button>
        )}
      </form>
    </section>
  );
}
