import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskStatus, TaskView } from '../../../src/contracts/tasks-constants.ts';
import { api } from '../api.ts';

export type { SupportiveService, TaskStatus, TaskType, TaskView, EventRuleId } from '../../../src/contracts/tasks-constants.ts';
export { ACP_DOCUMENTS, PLACES_OF_CARE, SUPPORTIVE_SERVICES, TASK_STATUSES, TASK_TYPES } from '../../../src/contracts/tasks-constants.ts';

export interface TaskDetail {
  task: TaskView;
  history: Array<{ kind: string; actorName: string | null; from: string | null; to: string | null; at: string }>;
}

export interface ServiceEntry {
  id: string;
  siteId: string;
  siteName: string;
  service: string;
  name: string;
  contact: string;
  languages: string[];
  howToRefer: string;
  hours: string;
}

export interface GoalsVersion {
  id: string;
  version: number;
  whatMatters: string;
  worries: string;
  preferredPlace: string;
  decisionMaker: string;
  documents: string[];
  language: string;
  recordedBy: string | null;
  createdAt: string;
}

/** One query hook per server read; the key is the path, so a mutation invalidates what it changed. */
export const useGet = <T,>(path: string | null) => useQuery({ queryKey: [path], queryFn: () => api.get<T>(path!), enabled: path !== null });

/** Writes that change tasks refresh every task list and the measures. */
export function useTaskMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /\/(tasks|goals-of-care|supportive-services|progressions)/.test(q.queryKey[0]) }),
  });
}

export const tasksApi = {
  setStatus: (id: string, status: TaskStatus, extra: { cancelReason?: string; waitingOn?: string } = {}) => api.patch<{ task: TaskView }>(`/api/tasks/${id}`, { status, ...extra }),
  update: (id: string, body: { notes?: string; dueAt?: string }) => api.patch<{ task: TaskView }>(`/api/tasks/${id}`, body),
  assign: (id: string, ownerId: string) => api.post<{ task: TaskView }>(`/api/tasks/${id}/assign`, { ownerId }),
  create: (body: { patientId: string; type: string; service?: string; dueAt: string; notes?: string }) => api.post<{ task: TaskView }>('/api/tasks', body),
};

/** Buckets for the board's due-date view, from the viewer's clock. */
export function dueBucket(dueAt: string, now = new Date()): 'overdue' | 'today' | 'thisWeek' | 'later' {
  const due = new Date(dueAt);
  if (due < now) return 'overdue';
  const endOfDay = new Date(now);
  endOfDay.setHours(23, 59, 59, 999);
  if (due <= endOfDay) return 'today';
  return due.getTime() - now.getTime() <= 7 * 86_400_000 ? 'thisWeek' : 'later';
}
