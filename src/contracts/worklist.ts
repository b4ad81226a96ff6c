import type { TaskType } from './tasks-constants.ts';
import type { AlertSeverity, AlertStatus } from './alerts.ts';
import type { ReferralState, ReferralType } from './referrals.ts';

/**
 * The navigator's home (GET /api/worklist): what to do first, in this order. Each entry names what it
 * links to; counts are the lengths of the lists (the web app reads the whole worklist again on every
 * event that changes it).
 */
export interface Worklist {
  generatedAt: string;
  /** Urgent alerts and alerts past their acknowledgement deadline, most severe and most overdue first. */
  alerts: WorklistAlert[];
  /** Threads whose patient side waits for an answer, oldest wait first. */
  threads: WorklistThread[];
  /** Referrals past their deadline or within NEAR_DEADLINE_DAYS of it, soonest first. */
  referrals: WorklistReferral[];
  /** Open alerts raised because a check-in was not done. */
  missedCheckins: WorklistAlert[];
  /** Open tasks due by the end of tomorrow, overdue ones included, soonest first. */
  tasks: WorklistTask[];
  /** Appointments of the caseload today, in the navigator's time zone, earliest first. */
  appointments: WorklistAppointment[];
}

export interface WorklistAlert {
  id: string;
  patientId: string;
  patientName: string;
  severity: AlertSeverity;
  status: AlertStatus;
  overdue: boolean;
  dueAt: string;
  createdAt: string;
  reasons: string[];
}

export interface WorklistThread {
  id: string;
  patientId: string | null;
  patientName: string | null;
  title: string;
  urgent: boolean;
  unread: number;
  awaitingSince: string | null;
}

export interface WorklistReferral {
  id: string;
  patientId: string;
  patientName: string | null;
  type: ReferralType;
  state: ReferralState;
  toSiteName: string;
  deadlineAt: string;
  overdue: boolean;
}

export interface WorklistTask {
  id: string;
  patientId: string;
  patientName: string;
  type: TaskType;
  /** The owner's own title, when the task has one; otherwise the type names it. */
  title: string | null;
  dueAt: string;
  overdue: boolean;
}

export interface WorklistAppointment {
  id: string;
  patientId: string;
  patientName: string;
  kind: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  siteName: string | null;
}
