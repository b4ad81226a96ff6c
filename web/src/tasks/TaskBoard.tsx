import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { dueBucket, tasksApi, useGet, useTaskMutation, type TaskStatus, type TaskView } from './api.ts';
import { TaskStatusSelect } from './TaskStatusSelect.tsx';
import './tasks.css';

type GroupBy = 'due' | 'patient' | 'type';
const KEYS: Record<string, TaskStatus> = { o: 'open', w: 'waiting', d: 'done' };
const BUCKETS = ['overdue', 'today', 'thisWeek', 'later'] as const;

/** One task on the board: a link to it, its due date and owner, and its status (select, or O/W/D keys). */
export function TaskItem({ task, onStatus }: { task: TaskView; onStatus: (t: TaskView, s: TaskStatus) => void }) {
  const { t, i18n } = useTranslation('tasks');
  const type = t(`type.${task.type}`) + (task.service ? `: ${t(`service.${task.service}`)}` : '');
  const onKeyDown = (e: KeyboardEvent) => {
    const status = KEYS[e.key.toLowerCase()];
    if (!status || e.target instanceof HTMLSelectElement || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (status !== task.status) onStatus(task, status);
  };
  return (
    <li className="task-item" data-overdue={task.overdue} onKeyDown={onKeyDown}>
      <div>
        <Link to={`/navigator/tasks/${task.id}`} aria-keyshortcuts="O W D">
          {t('board.open', { type, patient: task.patientName })}
        </Link>
        <p className="task-meta">
          <span>{t('board.due', { when: new Date(task.dueAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
          {task.overdue && <strong>{t('board.overdue')}</strong>}
          <span>{task.ownerName ? t('board.owner', { name: task.ownerName }) : t('board.noOwner')}</span>
        </p>
      </div>
      <TaskStatusSelect task={task} onChange={(s) => onStatus(task, s)} />
    </li>
  );
}

export default function TaskBoard() {
  const { t } = useTranslation('tasks');
  const [groupBy, setGroupBy] = useState<GroupBy>('due');
  const [scope, setScope] = useState<'mine' | 'caseload'>('caseload');
  const [announce, setAnnounce] = useState('');
  const list = useGet<{ tasks: TaskView[] }>(`/api/tasks?scope=${scope}&status=active`);
  const change = useTaskMutation(({ task, status }: { task: TaskView; status: TaskStatus }) => tasksApi.setStatus(task.id, status));
  const onStatus = (task: TaskView, status: TaskStatus) => {
    if (status === 'cancelled') return; // Cancelling needs a reason: the task's page asks for it.
    change.mutate({ task, status }, { onSuccess: () => setAnnounce(t('board.changed', { status: t(`status.${status}`) })) });
  };

  const tasks = list.data?.tasks ?? [];
  const groups = new Map<string, { label: string; items: TaskView[] }>();
  const keyOf = (x: TaskView) => (groupBy === 'due' ? dueBucket(x.dueAt) : groupBy === 'patient' ? x.patientId : x.type);
  const labelOf = (x: TaskView) => (groupBy === 'due' ? t(`board.${dueBucket(x.dueAt)}`) : groupBy === 'patient' ? x.patientName : t(`type.${x.type}`));
  const ordered = groupBy === 'due' ? [...tasks].sort((a, b) => BUCKETS.indexOf(dueBucket(a.dueAt)) - BUCKETS.indexOf(dueBucket(b.dueAt))) : tasks;
  for (const x of ordered) {
    const k = keyOf(x);
    if (!groups.has(k)) groups.set(k, { label: labelOf(x), items: [] });
    groups.get(k)!.items.push(x);
  }

  return (
    <Page title={t('board.title')}>
      <p className="lead">{t('board.lead')}</p>
      <div className="task-toolbar">
        <fieldset>
          <legend>{t('board.groupBy')}</legend>
          <div className="segmented">
            {(['due', 'patient', 'type'] as const).map((g) => (
              <button key={g} type="button" aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
                {t(g === 'due' ? 'board.byDue' : g === 'patient' ? 'board.byPatient' : 'board.byType')}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('board.scope')}</legend>
          <div className="segmented">
            {(['caseload', 'mine'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
                {t(`board.${s}`)}
              </button>
            ))}
          </div>
        </fieldset>
      </div>
      <p role="status" className="visually-hidden">{announce}</p>
      {change.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, change.error)}</p></div>}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : groups.size === 0 ? (
        <EmptyState>{t('board.empty')}</EmptyState>
      ) : (
        <div className="task-groups">
          {[...groups.entries()].map(([k, g]) => (
            <section key={k} aria-labelledby={`group-${k}`}>
              <h2 id={`group-${k}`}>{g.label}</h2>
              <ul className="task-list">
                {g.items.map((x) => <TaskItem key={x.id} task={x} onStatus={onStatus} />)}
              </ul>
            </section>
          ))}
        </div>
      )}
      <p>{t('board.keys')}</p>
    </Page>
  );
}
