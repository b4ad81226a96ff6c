import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SelectField } from '../account/SelectField.tsx';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { TextField } from '../shell/TextField.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { tasksApi, useGet, useTaskMutation, type TaskDetail, type TaskStatus } from './api.ts';
import { ServiceList } from './ServiceList.tsx';
import './tasks.css';

export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('tasks');
  const q = useGet<TaskDetail>(`/api/tasks/${id}`);
  if (q.isPending) return <Page title={t('board.title')}><Loading /></Page>;
  if (q.isError) return <Page title={t('board.title')}><ErrorNotice error={q.error} onRetry={() => void q.refetch()} /></Page>;
  const { task, history } = q.data;
  const type = t(`type.${task.type}`) + (task.service ? `: ${t(`service.${task.service}`)}` : '');
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const active = task.status === 'open' || task.status === 'waiting';
  return (
    <Page title={t('detail.title', { type, patient: task.patientName })}>
      <dl className="record">
        <dt>{t('detail.status')}</dt>
        <dd>{t(`status.${task.status}`)}{task.waitingOn ? ` (${task.waitingOn})` : ''}{task.cancelReason ? `: ${task.cancelReason}` : ''}</dd>
        <dt>{t('detail.due')}</dt>
        <dd>{when(task.dueAt)}{task.overdue ? ` (${t('board.overdue')})` : ''}</dd>
        <dt>{t('detail.owner')}</dt>
        <dd>{task.ownerName ?? t('board.noOwner')}</dd>
        <dt>{t('detail.source')}</dt>
        <dd>{t(`source.${task.source.kind}`)}</dd>
      </dl>
      <p><Link to={`/navigator/patients/${task.patientId}/tasks`}>{t('patient.title')}: {task.patientName}</Link></p>
      {active && <StatusActions id={task.id} status={task.status} />}
      {active && <HandOver id={task.id} ownerId={task.ownerId} />}
      <Notes id={task.id} notes={task.notes ?? ''} disabled={!active} />
      {task.service && (
        <section aria-labelledby="services-h">
          <h2 id="services-h">{t('detail.services')}</h2>
          <ServiceList path={`/api/patients/${task.patientId}/supportive-services?service=${task.service}`} empty={t('detail.noServices')} />
        </section>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('detail.history')}</h2>
        <ol className="plain-list">
          {history.map((h, i) => (
            <li key={i}>
              {when(h.at)}: {t(`detail.event.${h.kind}`, { from: h.from ? t(`status.${h.from}`, { defaultValue: '' }) : '', to: h.to ? t(`status.${h.to}`, { defaultValue: '' }) : '' })}{' '}
              {h.actorName ? t('detail.by', { name: h.actorName }) : t('detail.system')}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

function StatusActions({ id, status }: { id: string; status: TaskStatus }) {
  const { t } = useTranslation('tasks');
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [waitingOn, setWaitingOn] = useState('');
  const m = useTaskMutation((v: { status: TaskStatus; cancelReason?: string; waitingOn?: string }) => tasksApi.setStatus(id, v.status, v));
  const cancel = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ status: 'cancelled', cancelReason: reason });
  };
  return (
    <section aria-labelledby="status-h">
      <h2 id="status-h">{t('detail.status')}</h2>
      <div className="button-row">
        {status === 'waiting' && <button type="button" className="button button-secondary" onClick={() => m.mutate({ status: 'open' })}>{t('detail.markOpen')}</button>}
        <button type="button" className="button button-primary" onClick={() => m.mutate({ status: 'done' })}>{t('detail.markDone')}</button>
        <button type="button" className="button button-secondary" onClick={() => setCancelling(true)}>{t('detail.cancel')}</button>
      </div>
      {status === 'open' && (
        <form className="form" onSubmit={(e) => { e.preventDefault(); m.mutate({ status: 'waiting', ...(waitingOn ? { waitingOn } : {}) }); }}>
          <TextField label={t('detail.waitingOn')} value={waitingOn} maxLength={200} onChange={(e) => setWaitingOn(e.target.value)} />
          <div><button type="submit" className="button button-secondary">{t('detail.markWaiting')}</button></div>
        </form>
      )}
      {cancelling && (
        <form className="form" onSubmit={cancel}>
          <TextField label={t('detail.cancelReason')} value={reason} required minLength={3} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <div><button type="submit" className="button button-primary">{t('detail.confirmCancel')}</button></div>
        </form>
      )}
      {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
      {m.isSuccess && <p role="status">{t('detail.saved')}</p>}
    </section>
  );
}

function HandOver({ id, ownerId }: { id: string; ownerId: string | null }) {
  const { t } = useTranslation('tasks');
  const navigators = useGet<{ navigators: Array<{ id: string; name: string }> }>('/api/alerts/navigators');
  const [to, setTo] = useState(ownerId ?? '');
  const m = useTaskMutation((owner: string) => tasksApi.assign(id, owner));
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); if (to) m.mutate(to); }}>
      <SelectField label={t('detail.handOver')} value={to} onChange={(e) => setTo(e.target.value)}>
        {(navigators.data?.navigators ?? []).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
      </SelectField>
      <div><button type="submit" className="button button-secondary" disabled={!to || to === ownerId}>{t('detail.handOverButton')}</button></div>
      {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
      {navigators.isError && <ErrorNotice error={navigators.error} />}
    </form>
  );
}

function Notes({ id, notes, disabled }: { id: string; notes: string; disabled: boolean }) {
  const { t } = useTranslation('tasks');
  const fieldId = useId();
  const [text, setText] = useState(notes);
  const m = useTaskMutation((value: string) => tasksApi.update(id, { notes: value }));
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); m.mutate(text); }}>
      <div className="field">
        <label htmlFor={fieldId}>{t('detail.notes')}</label>
        <textarea id={fieldId} value={text} maxLength={2000} disabled={disabled} onChange={(e) => setText(e.target.value)} />
      </div>
      {!disabled && <div><button type="submit" className="button button-secondary">{t('detail.saveNotes')}</button></div>}
      {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
      {m.isSuccess && <p role="status">{t('detail.saved')}</p>}
    </form>
  );
}
