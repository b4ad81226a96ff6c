import { z } from 'zod';
import { Id } from './common.ts';

export const AskQuestionRequest = z
  .object({
    body: z.string().trim().min(1).max(500),
    /** The clinician the question is for; without one it goes to whoever the next visit is with. */
    clinicianId: Id.nullable().optional(),
  })
  .strict();

export const EditQuestionRequest = z.object({ body: z.string().trim().min(1).max(500) }).strict();

export const AnswerQuestionRequest = z
  .object({
    note: z.string().trim().max(1000).default(''),
    /** The appointment (or call) it was answered in, when there was one. */
    appointmentId: Id.nullable().optional(),
  })
  .strict();

export interface QuestionView {
  id: string;
  patientId: string;
  body: string;
  authorName: string;
  clinicianId: string | null;
  clinicianName: string | null;
  createdAt: string;
  answeredAt: string | null;
  answeredByName: string | null;
  answerNote: string | null;
  answeredAppointmentId: string | null;
}

/** Pushed to the patient's side and care team when a question is asked or answered, so screens refetch. */
export interface QuestionServerEvents {
  'questions:changed': (payload: { patientId: string }) => void;
}
