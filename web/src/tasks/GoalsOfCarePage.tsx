import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SelectField } from '../account/SelectField.tsx';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { TextField } from '../shell/TextField.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { ACP_DOCUMENTS, PLACES_OF_CARE, useGet, useTaskMutation, type GoalsVersion } from './api.ts';
import { GoalsHistory, GoalsRecord } from './GoalsRecord.tsx';
import './tasks.css';

type Goals = { current: GoalsVersion | null; history: GoalsVersion[] };

/** The navigator's goals-of-care form (each save a new version) and the record's history. */
export default function GoalsOfCarePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tasks');
  const q = useGet<Goals>(`/api/patients/${id}/goals-of-care`);
  // The form remounts with the new current version, so the confirmation lives here.
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <Page title={t('goals.title')}>
      <p className="lead">{t('goals.lead')}</p>
      {q.isPending ? <Loading /> : q.isError ? <ErrorNotice error={q.error} onRetry={() => void q.refetch()} /> : (
        <>
          <section aria-labelledby="goc-current">
            <h2 id="goc-current">{t('goals.current')}</h2>
            {q.data.current ? <GoalsRecord g={q.data.current} /> : <EmptyState>{t('goals.none')}</EmptyState>}
          </section>
          <GoalsForm key={q.data.current?.id ?? 'new'} patientId={id} current={q.data.current} onSaved={setSaved} />
          {saved !== null && <p role="status">{t('goals.saved', { version: saved })}</p>}
          {q.data.history.length > 0 && <GoalsHistory history={q.data.history} />}
        </>
      )}
    </Page>
  );
}

function TextArea({ label, value, onChange, required }: { label: string; value: string; onChange: (v: string) => void; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} required={required} maxLength={4000} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function GoalsForm({ patientId, current, onSaved }: { patientId: string; current: GoalsVersion | null; onSaved: (version: number) => void }) {
  const { t, i18n } = useTranslation('tasks');
  const [f, setF] = useState({
    whatMatters: current?.whatMatters ?? '',
    worries: current?.worries ?? '',
    preferredPlace: current?.preferredPlace ?? 'undecided',
    decisionMaker: current?.decisionMaker ?? '',
    documents: current?.documents ?? [],
    language: current?.language ?? i18n.language,
    withPatient: false,
  });
  const m = useTaskMutation(async () => {
    const r = await api.post<{ version: number }>(`/api/patients/${patientId}/goals-of-care`, { ...f, withPatient: true });
    onSaved(r.version);
    return r;
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined);
  };
  const toggle = (d: string) => setF((x) => ({ ...x, documents: x.documents.includes(d) ? x.documents.filter((y) => y !== d) : [...x.documents, d] }));
  return (
    <section aria-labelledby="goc-form">
      <h2 id="goc-form">{t('goals.save')}</h2>
      <form className="form" onSubmit={submit}>
        <TextArea label={t('goals.whatMatters')} required value={f.whatMatters} onChange={(v) => setF({ ...f, whatMatters: v })} />
        <TextArea label={t('goals.worries')} value={f.worries} onChange={(v) => setF({ ...f, worries: v })} />
        <SelectField label={t('goals.preferredPlace')} value={f.preferredPlace} onChange={(e) => setF({ ...f, preferredPlace: e.target.value })}>
          {PLACES_OF_CARE.map((p) => <option key={p} value={p}>{t(`goals.place.${p}`)}</option>)}
        </SelectField>
        <TextField label={t('goals.decisionMaker')} value={f.decisionMaker} maxLength={300} onChange={(e) => setF({ ...f, decisionMaker: e.target.value })} />
        <fieldset>
          <legend>{t('goals.documents')}</legend>
          <ul className="check-list">
            {ACP_DOCUMENTS.map((d) => (
              <li key={d}>
                <label><input type="checkbox" checked={f.documents.includes(d)} onChange={() => toggle(d)} /> {t(`goals.document.${d}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <SelectField label={t('goals.language')} value={f.language} onChange={(e) => setF({ ...f, language: e.target.value })}>
          {['en', 'es', 'ar'].map((l) => <option key={l} value={l}>{new Intl.DisplayNames([i18n.language], { type: 'language' }).of(l)}</option>)}
        </SelectField>
        <label><input type="checkbox" required checked={f.withPatient} onChange={(e) => setF({ ...f, withPatient: e.target.checked })} /> {t('goals.withPatient')}</label>
        <div><button type="submit" className="button button-primary">{t('goals.save')}</button></div>
        {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
      </form>
    </section>
  );
}
