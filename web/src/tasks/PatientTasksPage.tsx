import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SelectField } from '../account/SelectField.tsx';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { TextField } from '../shell/TextField.tsx';
import { SUPPORTIVE_SERVICES, TASK_TYPES, tasksApi, useGet, useTaskMutation } from './api.ts';
import { PatientTasksSection } from './PatientTasksSection.tsx';

/** A patient's tasks, a new task, and the "disease progression" entry that fires the palliative rules. */
export default function PatientTasksPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tasks');
  const patients = useGet<{ patients: Array<{ id: string; name: string }> }>('/api/caseload');
  const name = patients.data?.patients.find((p) => p.id === id)?.name ?? '';
  return (
    <Page title={name ? `${t('patient.title')}: ${name}` : t('patient.title')}>
      <p><Link to={`/navigator/patients/${id}/goals-of-care`}>{t('goals.open')}</Link></p>
      <PatientTasksSection patientId={id} />
      <NewTask patientId={id} />
      <Progression patientId={id} />
    </Page>
  );
}

function NewTask({ patientId }: { patientId: string }) {
  const { t } = useTranslation('tasks');
  const [type, setType] = useState<string>('insurance_authorization');
  const [service, setService] = useState<string>('social_work');
  const [due, setDue] = useState('');
  const m = useTaskMutation(() => tasksApi.create({ patientId, type, ...(type === 'supportive_service' ? { service } : {}), dueAt: new Date(due).toISOString() }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (due) m.mutate(undefined);
  };
  return (
    <section aria-labelledby="new-task-h">
      <h2 id="new-task-h">{t('create.title')}</h2>
      <form className="form" onSubmit={submit}>
        <SelectField label={t('create.type')} value={type} onChange={(e) => setType(e.target.value)}>
          {TASK_TYPES.map((x) => <option key={x} value={x}>{t(`type.${x}`)}</option>)}
        </SelectField>
        {type === 'supportive_service' && (
          <SelectField label={t('create.service')} value={service} onChange={(e) => setService(e.target.value)}>
            {SUPPORTIVE_SERVICES.map((x) => <option key={x} value={x}>{t(`service.${x}`)}</option>)}
          </SelectField>
        )}
        <TextField label={t('create.due')} type="datetime-local" required value={due} onChange={(e) => setDue(e.target.value)} />
        <div><button type="submit" className="button button-primary">{t('create.submit')}</button></div>
        {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
        {m.isSuccess && <p role="status">{t('create.created')}</p>}
      </form>
    </section>
  );
}

function Progression({ patientId }: { patientId: string }) {
  const { t } = useTranslation('tasks');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const m = useTaskMutation(() => api.post(`/api/patients/${patientId}/progressions`, { occurredOn: date, note }));
  return (
    <section aria-labelledby="progression-h">
      <h2 id="progression-h">{t('patient.progression')}</h2>
      <form className="form" onSubmit={(e) => { e.preventDefault(); m.mutate(undefined); }}>
        <TextField label={t('patient.occurredOn')} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        <TextField label={t('patient.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        <div><button type="submit" className="button button-primary">{t('patient.recordProgression')}</button></div>
        {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
        {m.isSuccess && <p role="status">{t('patient.progressionRecorded')}</p>}
      </form>
    </section>
  );
}
