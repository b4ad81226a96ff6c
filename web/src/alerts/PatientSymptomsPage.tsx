import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INSTRUMENTS, INSTRUMENT_IDS, type InstrumentId } from '../../../src/contracts/checkins.ts';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { useInstrumentText } from '../checkins/text.ts';
import './alerts.css';
import { ClinicalFlags } from '../rules/ClinicalFlags.tsx';

interface Point { id: string; submittedAt: string; total: number | null; items: Record<string, number> }
interface Palliative { prompt: boolean; computed: Array<{ criterion: string; met: boolean }>; checklist: Array<{ criterion: string; checked: boolean }> }

const COLORS = ['#0b5cab', '#a4161a', '#1d5e2f', '#7a2e8e', '#8a4b00', '#005f73', '#5a189a', '#3d405b', '#9b2226'];

/** A patient's symptom trend, Hui palliative prompts and check-in schedule, for the care team. */
export default function PatientSymptomsPage() {
  const { t } = useTranslation('checkins');
  const { id = '' } = useParams();
  const [instrument, setInstrument] = useState<InstrumentId>('esas-r');
  const patient = useApiData<{ name: string }>(`/api/patients/${id}`);
  const history = useApiData<{ checkins: Point[] }>(`/api/patients/${id}/checkins?instrument=${instrument}&days=365`);
  const palliative = useApiData<Palliative>(`/api/patients/${id}/palliative`);
  const text = useInstrumentText(instrument, ['en', 'es']);
  const items = INSTRUMENTS[instrument].items.slice(0, 9).map((i) => i.id);
  const title = patient.status === 'ready' ? patient.data.name : t('ui.patient.trend');
  return (
    <Page title={title}>
      <section aria-labelledby="trend">
        <h2 id="trend">{t('ui.patient.trend')}</h2>
        <div className="field">
          <label htmlFor="trend-instrument">{t('ui.patient.instrument')}</label>
          <select id="trend-instrument" value={instrument} onChange={(e) => setInstrument(e.target.value as InstrumentId)}>
            {INSTRUMENT_IDS.map((i) => <option key={i} value={i}>{t(`instruments.${i}.name`)}</option>)}
          </select>
        </div>
        {history.status === 'loading' && <Loading />}
        {history.status === 'error' && <ErrorNotice error={history.error} onRetry={history.reload} />}
        {history.status === 'ready' && history.data.checkins.length === 0 && <EmptyState>{t('ui.patient.noData')}</EmptyState>}
        {history.status === 'ready' && history.data.checkins.length > 0 && (
          <figure className="chart" aria-label={t('ui.patient.trend')}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={history.data.checkins.map((c) => ({ date: c.submittedAt.slice(0, 10), ...c.items }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" />
                <YAxis domain={[0, Math.max(...INSTRUMENTS[instrument].items.map((i) => i.max))]} allowDecimals={false} />
                <Tooltip />
                <Legend />
                {items.map((item, n) => <Line key={item} type="monotone" dataKey={item} name={text.text(`items.${item}.label`)} stroke={COLORS[n % COLORS.length]} dot />)}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        )}
      </section>
      <section aria-labelledby="palliative">
        <h2 id="palliative">{t('ui.patient.palliative')}</h2>
        {palliative.status === 'ready' && <PalliativePanel patientId={id} data={palliative.data} reload={palliative.reload} />}
        {palliative.status === 'error' && <ErrorNotice error={palliative.error} onRetry={palliative.reload} />}
      </section>
      <ClinicalFlags patientId={id} />
      <ScheduleForm patientId={id} />
    </Page>
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

function ScheduleForm({ patientId }: { patientId: string }) {
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
