import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Drizzle view of src/platform/db/migrations/1400_questions_library.sql (keep the two in step).

export const visitQuestions = pgTable('visit_questions', {
  id: uuid().primaryKey(),
  patientId: uuid('patient_id').notNull(),
  authorId: uuid('author_id').notNull(),
  clinicianId: uuid('clinician_id'),
  body: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredBy: uuid('answered_by'),
  answerNote: text('answer_note'),
  answeredAppointmentId: uuid('answered_appointment_id'),
});
