import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskStatus, TaskView } from './api.ts';

/** The status of a task as a labelled select; finished tasks show their status as text. */
export function TaskStatusSelect({ task, onChange }: { task: TaskView; onChange: (s: TaskStatus) => void }) {
  const { t } = useTranslation('tasks');
  const id = useId();
  if (task.status === 'done' || task.status === 'cancelled') return <span>{t(`status.${task.status}`)}</span>;
  const type = t(`type.${task.type}`);
  return (
    <div className="field">
      <label htmlFor={id} className="visually-hidden">{`${t('detail.status')}: ${type}, ${task.patientName}`}</label>
      <select id={id} className="task-status" value={task.status} onChange={(e) => onChange(e.target.value as TaskStatus)}>
        {(['open', 'waiting', 'done'] as const).map((s) => (
          <option key={s} value={s}>{t(`status.${s}`)}</option>
        ))}
      </select>
    </div>
  );
}
