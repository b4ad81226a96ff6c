import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DT_PROBLEMS } from '../../../src/contracts/checkins.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { errorMessage } from '../i18n.ts';
import { useApiData } from '../useApiData.ts';
import { checkinsApi, type CheckinHome, type InstrumentId, type ItemSpec, type SubmitAnswer } from './api.ts';
import { CrisisPanel } from './CrisisPanel.tsx';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';
import { useInstrumentText } from './text.ts';
import './checkins.css';

type Step = { kind: 'items'; items: ItemSpec[]; group?: string } | { kind: 'problems' };

/** One screen per question; PRO-CTCAE asks a symptom's attributes together (CLINICAL.md). */
function stepsOf(instrument: CheckinHome['instruments'][number]): Step[] {
  const steps: Step[] = [];
  for (const item of instrument.items) {
    const last = steps.at(-1);
    if (item.group && last?.kind === 'items' && last.group === item.group) last.items.push(item);
    else steps.push({ kind: 'items', items: [item], ...(item.group ? { group: item.group } : {}) });
  }
  if (instrument.problems) steps.push({ kind: 'problems' });
  return steps;
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export default function CheckinPage() {
  const { t } = useTranslation('checkins');
  const isCaregiver = useUser().role === 'caregiver';
  const patients = useApiData<{ patients: Array<{ id: string; name: string; scopes: string[] }> }>(isCaregiver ? '/api/caregiver/patients' : '/api/checkins/home');
  // The home links straight into a due check-in: ?start=<instrument>[&patient=<id> for a caregiver].
  const [params] = useSearchParams();
  const [patientId, setPatientId] = useState<string | undefined>(params.get('patient') ?? undefined);
  const forPatient = isCaregiver ? patientId ?? (patients.status === 'ready' ? patients.data.patients?.find((p) => p.scopes.includes('checkins'))?.id : undefined) : undefined;
  const home = useApiData<CheckinHome>(`/api/checkins/home${forPatient ? `?patientId=${forPatient}` : ''}`);
  const [chosen, setChosen] = useState<InstrumentId | undefined>((params.get('start') as InstrumentId | null) ?? undefined);
  const [result, setResult] = useState<SubmitAnswer | undefined>(undefined);

  if (isCaregiver && patients.status === 'ready' && !patients.data.patients?.some((p) => p.scopes.includes('checkins'))) {
    return <Page title={t('ui.checkin.title')}><p>{t('ui.checkin.choosePatient')}</p></Page>;
  }
  if (home.status === 'loading') return <Page title={t('ui.checkin.title')}><Loading /></Page>;
  if (home.status === 'error') return <Page title={t('ui.checkin.title')}><ErrorNotice error={home.error} onRetry={home.reload} /></Page>;
  const data = home.data;

  if (result) {
    return (
      <Page title={t('ui.checkin.title')}>
        {result.crisis && <CrisisPanel crisis={result.crisis} />}
        <div className="notice notice-info" role="status">
          <p>{t('ui.checkin.thanks')}</p>
        </div>
        {result.alerts.length > 0 ? (
          <section aria-labelledby="flagged">
            <h2 id="flagged">{t('ui.checkin.flagged')}</h2>
            <ul className="reason-list">
              {result.alerts.flatMap((a) => a.reasons.map((r, i) => <li key={`${a.id}-${i}`}>{r.text}</li>))}
            </ul>
          </section>
        ) : (
          <p>{t('ui.checkin.nothingFlagged')}</p>
        )}
        <button type="button" className="button button-secondary" onClick={() => { setResult(undefined); setChosen(undefined); home.reload(); }}>
          {t('ui.checkin.another')}
        </button>
      </Page>
    );
  }

  const instrument = data.instruments.find((i) => i.id === chosen);
  if (instrument) {
    return <Wizard key={instrument.id} patientId={data.patientId} forPatient={forPatient} instrument={instrument} onDone={setResult} onCancel={() => setChosen(undefined)} />;
  }

  const due = new Set(data.due.flatMap((d) => d.instruments));
  return (
    <Page title={t('ui.checkin.title')}>
      {isCaregiver && patients.status === 'ready' && (
        <div className="field">
          <label htmlFor="checkin-patient">{t('ui.checkin.choosePatient')}</label>
          <select id="checkin-patient" value={forPatient ?? ''} onChange={(e) => setPatientId(e.target.value)}>
            {patients.data.patients.filter((p) => p.scopes.includes('checkins')).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
      )}
      <p className="lead">{t('ui.checkin.choose')}</p>
      <ul className="instrument-list">
        {data.instruments.map((i) => (
          <InstrumentChoice key={i.id} instrument={i} due={due.has(i.id)} patientId={data.patientId} onStart={() => setChosen(i.id)} />
        ))}
      </ul>
    </Page>
  );
}

function InstrumentChoice({ instrument, due, patientId, onStart }: { instrument: CheckinHome['instruments'][number]; due: boolean; patientId: string; onStart: () => void }) {
  const { t } = useTranslation('checkins');
  const text = useInstrumentText(instrument.id, instrument.languages);
  const draft = loadDraft(patientId, instrument.id);
  return (
    <li className="card instrument-card">
      <h2 lang={text.lang} dir={text.dir}>{text.text('short')}</h2>
      <p className="muted" lang={text.lang} dir={text.dir}>{text.text('name')}</p>
      {due && <p className="badge badge-due">{t('ui.checkin.due')}</p>}
      <button type="button" className="button button-primary" onClick={onStart} aria-label={`${draft ? t('ui.checkin.resume') : t('ui.checkin.start')}: ${text.text('short')}`}>
        {draft ? t('ui.checkin.resume') : t('ui.checkin.start')}
      </button>
    </li>
  );
}

function Wizard({ patientId, forPatient, instrument, onDone, onCancel }: { patientId: string; forPatient: string | undefined; instrument: CheckinHome['instruments'][number]; onDone: (r: SubmitAnswer) => void; onCancel: () => void }) {
  const { t } = useTranslation('checkins');
  const text = useInstrumentText(instrument.id, instrument.languages);
  const steps = useMemo(() => stepsOf(instrument), [instrument]);
  const initial = loadDraft(patientId, instrument.id);
  const [answers, setAnswers] = useState<Record<string, unknown>>(initial?.answers ?? {});
  const [step, setStep] = useState(Math.min(initial?.step ?? 0, steps.length - 1));
  const [key] = useState(initial?.idempotencyKey ?? newKey());
  const [missing, setMissing] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => saveDraft(patientId, instrument.id, { answers, step, idempotencyKey: key }), [answers, step, patientId, instrument.id, key]);

  const current = steps[step]!;
  const complete = current.kind === 'problems' || current.items.every((i) => i.optional || typeof answers[i.id] === 'number');
  const last = step === steps.length - 1;

  const next = async () => {
    if (!complete) return setMissing(true);
    setMissing(false);
    if (!last) return setStep(step + 1);
    setSending(true);
    setError(undefined);
    try {
      const body = { instrument: instrument.id, answers: instrument.problems ? { problems: [], ...answers } : answers, ...(forPatient ? { patientId: forPatient } : {}) };
      const out = await checkinsApi.submit(body, key);
      clearDraft(patientId, instrument.id);
      onDone(out);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title={text.text('short')} heading={<span lang={text.lang} dir={text.dir}>{text.text('short')}</span>}>
      {text.original && <p className="notice notice-info">{t('languageNote.original')}</p>}
      <p className="progress" aria-live="polite">{t('ui.checkin.progress', { current: step + 1, total: steps.length })}</p>
      <progress max={steps.length} value={step + 1} aria-hidden="true" className="progress-bar" />
      <form
        className="question"
        onSubmit={(e) => {
          e.preventDefault();
          void next();
        }}
      >
        <p className="muted" lang={text.lang} dir={text.dir}>{text.text('intro')}</p>
        {current.kind === 'items' && instrument.temperature && <Temperature answers={answers} onChange={setAnswers} />}
        {current.kind === 'items' ? (
          current.items.map((item) => (
            <div key={item.id}>
              {item.id === 'other' && instrument.otherProblem && <OtherProblem text={text} value={(answers.otherProblem as string | undefined) ?? ''} onChange={(v) => setAnswers({ ...answers, otherProblem: v || undefined })} />}
              <Question instrument={instrument.id} item={item} value={answers[item.id] as number | undefined} text={text} onChange={(v) => setAnswers({ ...answers, [item.id]: v })} />
            </div>
          ))
        ) : (
          <Problems text={text} value={(answers.problems as string[] | undefined) ?? []} onChange={(v) => setAnswers({ ...answers, problems: v })} />
        )}
        {missing && <p className="field-error" role="alert">{t('ui.checkin.chooseOne')}</p>}
        {error !== undefined && <p className="field-error" role="alert">{t('ui.checkin.error')} {errorMessage(t, error)}</p>}
        <p className="muted small">{t('ui.checkin.kept')}</p>
        <div className="wizard-actions">
          <button type="button" className="button button-secondary" onClick={() => (step === 0 ? onCancel() : setStep(step - 1))}>
            {t('ui.checkin.back')}
          </button>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? t('ui.checkin.sending') : last ? t('ui.checkin.submit') : t('ui.checkin.next')}
          </button>
        </div>
        <button type="button" className="link-button" onClick={() => { clearDraft(patientId, instrument.id); setAnswers({}); setStep(0); }}>
          {t('ui.checkin.discard')}
        </button>
      </form>
    </Page>
  );
}

function Question({ instrument, item, value, text, onChange }: { instrument: InstrumentId; item: ItemSpec; value: number | undefined; text: ReturnType<typeof useInstrumentText>; onChange: (v: number) => void }) {
  const { t } = useTranslation('checkins');
  const values = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
  const numeric = item.scale === 'nrs';
  const name = `q-${instrument}-${item.id}`;
  return (
    <fieldset className={numeric ? 'scale scale-numeric' : 'scale scale-labelled'}>
      <legend lang={text.lang} dir={text.dir}>{text.text(`items.${item.id}.question`)}</legend>
      {numeric && <p className="muted small" lang={text.lang} dir={text.dir}>{t('ui.checkin.scaleHint', { low: text.text(`items.${item.id}.low`), high: text.text(`items.${item.id}.high`) })}</p>}
      <div className="scale-options">
        {values.map((v) => (
          <label key={v} className={value === v ? 'option option-selected' : 'option'}>
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span lang={text.lang} dir={text.dir}>{numeric ? String(v) : text.scale(item.scale, v)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Problems({ text, value, onChange }: { text: ReturnType<typeof useInstrumentText>; value: string[]; onChange: (v: string[]) => void }) {
  const toggle = (p: string) => onChange(value.includes(p) ? value.filter((x) => x !== p) : [...value, p]);
  return (
    <div className="problems">
      <p lang={text.lang} dir={text.dir}>{text.text('problemsIntro')}</p>
      {Object.entries(DT_PROBLEMS).map(([category, problems]) => (
        <fieldset key={category} className="problem-group">
          <legend lang={text.lang} dir={text.dir}>{text.text(`categories.${category}`)}</legend>
          {problems.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" checked={value.includes(p)} onChange={() => toggle(p)} />
              <span lang={text.lang} dir={text.dir}>{text.text(`problems.${p}`)}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

/** ESAS-r item 10: the patient names the other problem before rating it (optional). */
function OtherProblem({ text, value, onChange }: { text: ReturnType<typeof useInstrumentText>; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="esas-other-name" lang={text.lang} dir={text.dir}>{text.text('items.other.name')}</label>
      <input id="esas-other-name" type="text" maxLength={60} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** A temperature in °C or °F (optional: a plain "I have a fever or chills" is enough). */
function Temperature({ answers, onChange }: { answers: Record<string, unknown>; onChange: (a: Record<string, unknown>) => void }) {
  const { t } = useTranslation('rules');
  const unit = (answers.unit as 'C' | 'F' | undefined) ?? 'C';
  const value = answers.temperature as number | undefined;
  return (
    <fieldset className="temperature">
      <legend>{t('fever.temperature')}</legend>
      <div className="field">
        <label htmlFor="fever-temperature">{t('fever.value', { unit: unit === 'C' ? '°C' : '°F' })}</label>
        <input
          id="fever-temperature"
          type="number"
          inputMode="decimal"
          step="0.1"
          min={unit === 'C' ? 30 : 86}
          max={unit === 'C' ? 45 : 113}
          value={value ?? ''}
          onChange={(e) => onChange({ ...answers, temperature: e.target.value === '' ? undefined : Number(e.target.value), unit })}
        />
      </div>
      <div className="field">
        <label htmlFor="fever-unit">{t('fever.unit')}</label>
        <select id="fever-unit" value={unit} onChange={(e) => onChange({ ...answers, unit: e.target.value })}>
          <option value="C">°C</option>
          <option value="F">°F</option>
        </select>
      </div>
    </fieldset>
  );
}
