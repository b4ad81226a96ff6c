/**
 * Task, service and goals-of-care constants shared by server and web, without zod (so the web bundle can
 * import the values).
 */
/** What a navigation task is for (issue 17 item 1); supportive-service referrals also name the service. */
export const TASK_TYPES = [
  'insurance_authorization',
  'travel',
  'lodging',
  'interpreter_booking',
  'supportive_service',
  'palliative_evaluation',
  'goals_of_care',
  'checkin_follow_up',
  'other',
] as const;
export const TASK_STATUSES = ['open', 'waiting', 'done', 'cancelled'] as const;
/** Supportive services a navigator refers to (issue 17 items 2-3; NCCN Distress Management routing). */
export const SUPPORTIVE_SERVICES = ['nutrition', 'social_work', 'psycho_oncology', 'chaplaincy', 'rehabilitation', 'financial_counselling'] as const;
/** What created a task: a person, or an event rule with the event's kind and id. */
export const TASK_SOURCES = ['manual', 'checkin', 'checkin_request', 'referral', 'appointment', 'progression', 'goals_of_care'] as const;
export const EVENT_RULE_IDS = ['dt_problem_service', 'referral_far_travel', 'appointment_interpreter', 'checkin_missed_follow_up', 'palliative_trigger', 'goals_review'] as const;
export const PLACES_OF_CARE = ['home', 'hospital', 'hospice', 'care_home', 'undecided'] as const;
export const ACP_DOCUMENTS = ['advance_directive', 'healthcare_proxy', 'dnacpr', 'will', 'none'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type SupportiveService = (typeof SUPPORTIVE_SERVICES)[number];
export type TaskSource = (typeof TASK_SOURCES)[number];
export type EventRuleId = (typeof EVENT_RULE_IDS)[number];
/** Done and cancelled are final: a task that needs doing again is a new task. */
export const ACTIVE_STATUSES: readonly TaskStatus[] = ['open', 'waiting'];

export interface TaskView {
  id: string;
  patientId: string;
  patientName: string;
  type: TaskType;
  service: SupportiveService | null;
  title: string | null;
  status: TaskStatus;
  ownerId: string | null;
  ownerName: string | null;
  dueAt: string;
  overdue: boolean;
  notes: string | null;
  waitingOn: string | null;
  cancelReason: string | null;
  source: { kind: TaskSource; id: string | null; ruleId: string | null };
  createdAt: string;
  doneAt: string | null;
}
