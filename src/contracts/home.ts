import { z } from 'zod';
import type { AppointmentView } from './appointments.ts';
import { Id } from './common.ts';
import type { CaregiverScope } from './people.ts';
import type { QuestionView } from './questions.ts';
import type { ReferralSummary } from './referrals.ts';

export const HomeQuery = z.object({ patientId: Id.optional() }).strict();

/**
 * The patient's (or a caregiver's) "what's next". A section is null when the reader may not see it:
 * a caregiver sees only what the patient granted (messages, checkins, appointments, records).
 */
export interface HomeView {
  patient: { id: string; name: string };
  /** The reader is a caregiver acting for this patient. */
  actingFor: boolean;
  granted: CaregiverScope[];
  checkins: { due: Array<{ id: string; dueAt: string; instruments: string[] }> } | null;
  /** Referrals waiting for the patient's consent to share their records. */
  consentRequests: Array<{ referralId: string; type: string; toSiteName: string }> | null;
  /** Tumour-board (case review) summaries written in the last 30 days. */
  boardSummaries: Array<{ referralId: string; toSiteName: string; completedAt: string }> | null;
  next: { appointment: AppointmentView; questions: QuestionView[] } | null;
  /** Every open question, for the "questions for my next visit" list (null without the appointments scope). */
  openQuestions: QuestionView[] | null;
  messages: { unread: number; threadId: string | null } | null;
  careTeam: Array<{ userId: string; name: string; role: 'navigator' | 'specialist' | 'interpreter' }>;
  /** When the care team answers messages: the organization's working hours, in its time zone. */
  hours: { days: number[]; start: string; end: string; timezone: string; openNow: boolean; nextOpening: string | null };
}

/** The specialist's home: their consultations, the referrals due at their sites, their upcoming case reviews. */
export interface SpecialistHomeView {
  /** Appointments the specialist takes part in, from now to two weeks ahead, soonest first. */
  consultations: AppointmentView[];
  /** Referrals to the sites they act for, soonest deadline first. */
  incoming: ReferralSummary[];
  caseReviews: Array<{ id: string; title: string; startsAt: string; durationMinutes: number; status: 'scheduled' | 'live'; role: 'host' | 'participant' }>;
  /** The sites they act for (where they may convene a case review). */
  sites: Array<{ id: string; name: string }>;
}
