import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { visitQuestions } from './tables.ts';

export type QuestionRow = typeof visitQuestions.$inferSelect;

export async function insertQuestion(db: Db, row: typeof visitQuestions.$inferInsert) {
  await db.insert(visitQuestions).values(row);
}

/** Every question of a patient, in the order they were written. */
export async function questionsOf(db: Db, patientId: string) {
  return db.select().from(visitQuestions).where(eq(visitQuestions.patientId, patientId)).orderBy(visitQuestions.createdAt, visitQuestions.id);
}

/** Open questions of a patient and those answered in this appointment. */
export async function questionsForAppointment(db: Db, patientId: string, appointmentId: string) {
  return db
    .select()
    .from(visitQuestions)
    .where(and(eq(visitQuestions.patientId, patientId), or(isNull(visitQuestions.answeredAt), eq(visitQuestions.answeredAppointmentId, appointmentId))))
    .orderBy(visitQuestions.createdAt, visitQuestions.id);
}

export async function findQuestion(db: Db, id: string) {
  const [row] = await db.select().from(visitQuestions).where(eq(visitQuestions.id, id));
  return row;
}

/** Marks an open question answered; empty when someone else answered it first. */
export async function answerQuestion(db: Db, id: string, answer: { answeredBy: string; answerNote: string | null; answeredAppointmentId: string | null }) {
  return db
    .update(visitQuestions)
    .set({ ...answer, answeredAt: new Date() })
    .where(and(eq(visitQuestions.id, id), isNull(visitQuestions.answeredAt)))
    .returning({ id: visitQuestions.id });
}

/** Rewrites an open question; empty when it was answered meanwhile. */
export async function editQuestion(db: Db, id: string, body: string) {
  return db.update(visitQuestions).set({ body }).where(and(eq(visitQuestions.id, id), isNull(visitQuestions.answeredAt))).returning({ id: visitQuestions.id });
}

/** Deletes an open question; empty when it was answered meanwhile. */
export async function deleteQuestion(db: Db, id: string) {
  return db.delete(visitQuestions).where(and(eq(visitQuestions.id, id), isNull(visitQuestions.answeredAt))).returning({ id: visitQuestions.id });
}
