import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n.ts';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { tasksApi, useGet, useTaskMutation, type TaskStatus, type TaskView } from './api.ts';
import { TaskItem } from './TaskBoard.tsx';
import './tasks.css';

/**
 * The tasks section of a patient's page (issue 12's PatientPage mounts it): every task of the patient,
 * active ones first, with the same status keys as the board.
 */
export function PatientTasksSection({ patientId, headingLevel = 2 }: { patientId: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('tasks');
  const q = useGet<{ tasks: TaskView[] }>(`/api/patients/${patientId}/tasks`);
  const change = useTaskMutation(({ task, status }: { task: TaskView; status: TaskStatus }) => tasksApi.setStatus(task.id, status));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const rows = [...(q.data?.tasks ?? [])].sort((a, b) => Number(b.status === 'open' || b.status === 'waiting') - Number(a.status === 'open' || a.status === 'waiting'));
  return (
    <section aria-labelledby={`tasks-${patientId}`}>
      <Heading id={`tasks-${patientId}`}>{t('patient.title')}</Heading>
      {change.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, change.error)}</p></div>}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('patient.empty')}</EmptyState>
      ) : (
        <ul className="task-list">
          {rows.map((x) => <TaskItem key={x.id} task={x} onStatus={(task, status) => status !== 'cancelled' && change.mutate({ task, status })} />)}
        </ul>
      )}
    </section>
  );
}
