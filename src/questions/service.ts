import { randomUUID } from 'node:crypto';
import type { AppointmentView } from '../contracts/appointments.ts';
import type { QuestionView } from '../contracts/questions.ts';
import { getAppointment } from '../appointments/service.ts';
import * as people from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { pushToUsers } from '../platform/push.ts';
import * as repo from './repo.ts';

/**
 * Questions for the next visit (docs/decisions/0711-questions-for-the-visit.md). A question is not
 * bound to one appointment when written: it shows on every coming appointment with its clinician (or
 * any appointment when it names none) until someone answers it, so unanswered questions carry over
 * by themselves. The answer records the appointment it was given in.
 */

async function views(deps: Deps, rows: repo.QuestionRow[]): Promise<QuestionView[]> {
  const ids = new Set<string>();
  for (const r of rows) for (const id of [r.authorId, r.clinicianId, r.answeredBy]) if (id) ids.add(id);
  const names = new Map((await people.getUsers(deps, [...ids])).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    body: r.body,
    authorName: names.get(r.authorId) ?? '',
    clinicianId: r.clinicianId,
    clinicianName: r.clinicianId ? (names.get(r.clinicianId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredByName: r.answeredBy ? (names.get(r.answeredBy) ?? null) : null,
    answerNote: r.answerNote,
    answeredAppointmentId: r.answeredAppointmentId,
  }));
}

/** The open questions that belong to this appointment: those for one of its clinicians, or for nobody in particular. */
export function belongsTo(q: Pick<QuestionView, 'clinicianId' | 'answeredAt' | 'answeredAppointmentId'>, appointment: Pick<AppointmentView, 'id' | 'participants'>): boolean {
  if (q.answeredAt) return q.answeredAppointmentId === appointment.id;
  return q.clinicianId === null || appointment.participants.some((p) => p.userId === q.clinicianId);
}

async function notifyChanged(deps: Deps, patientId: string) {
  const [team, caregivers] = await Promise.all([people.careTeam(deps, patientId), people.caregivers(deps, patientId)]);
  const ids = await people.withAccess(deps, [patientId, ...team.map((m) => m.userId), ...caregivers.map((c) => c.caregiverId)], patientId, 'appointments');
  pushToUsers(deps, ids, 'questions:changed', () => ({ patientId }));
}

export async function listForPatient(deps: Deps, actor: Actor, patientId: string): Promise<QuestionView[]> {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'appointments');
  const rows = await repo.questionsOf(deps.db, patientId);
  await people.auditPhi(deps, actor, { action: 'question.list', patientId, targetType: 'visit_questions', access, details: { count: rows.length } });
  return views(deps, rows);
}

/** Questions for an appointment, for the appointment and call screens; access is the appointment's own. */
export async function listForAppointment(deps: Deps, actor: Actor, appointmentId: string): Promise<QuestionView[]> {
  const appointment = await getAppointment(deps, actor, appointmentId);
  const rows = await repo.questionsForAppointment(deps.db, appointment.patientId, appointmentId);
  const list = (await views(deps, rows)).filter((q) => belongsTo(q, appointment));
  await people.auditPhi(deps, actor, { action: 'question.list', patientId: appointment.patientId, targetType: 'appointment', targetId: appointmentId, details: { count: list.length } });
  return list;
}

/** Open and recently answered questions for the home screen, read under an access the caller already checked. */
export async function openQuestionsOf(deps: Deps, patientId: string): Promise<QuestionView[]> {
  return views(deps, (await repo.questionsOf(deps.db, patientId)).filter((r) => !r.answeredAt));
}

export async function ask(deps: Deps, actor: Actor, patientId: string, input: { body: string; clinicianId?: string | null | undefined }): Promise<QuestionView> {
  const access = await people.assertPatientAccess(deps, actor, patientId, 'appointments');
  const clinicianId = input.clinicianId ?? null;
  if (clinicianId && !(await people.careTeam(deps, patientId)).some((m) => m.userId === clinicianId)) {
    throw new AppError('invalid', 'That person is not on the care team.', [{ path: 'clinicianId', message: 'not on the care team' }]);
  }
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertQuestion(tx as never, { id, patientId, authorId: actor.userId, clinicianId, body: input.body });
    await people.auditPhi(deps, actor, { action: 'question.ask', patientId, targetType: 'visit_question', targetId: id, access }, tx as never);
  });
  await notifyChanged(deps, patientId);
  const [view] = await views(deps, [(await repo.findQuestion(deps.db, id))!]);
  return view!;
}

/** A navigator or specialist on the care team marks a question answered, with a short note. */
export async function answer(deps: Deps, actor: Actor, questionId: string, input: { note: string; appointmentId?: string | null | undefined }): Promise<QuestionView> {
  const row = await repo.findQuestion(deps.db, questionId);
  if (!row) throw new AppError('not_found');
  const access = await people.assertPatientAccess(deps, actor, row.patientId, 'appointments');
  const appointmentId = input.appointmentId ?? null;
  if (appointmentId && (await getAppointment(deps, actor, appointmentId)).patientId !== row.patientId) throw new AppError('invalid', 'That appointment is not this patient’s.', [{ path: 'appointmentId', message: 'other patient' }]);
  await deps.db.transaction(async (tx) => {
    const done = await repo.answerQuestion(tx as never, questionId, { answeredBy: actor.userId, answerNote: input.note || null, answeredAppointmentId: appointmentId });
    if (done.length === 0) throw new AppError('conflict', 'This question was already answered.');
    await people.auditPhi(deps, actor, { action: 'question.answer', patientId: row.patientId, targetType: 'visit_question', targetId: questionId, access }, tx as never);
  });
  await notifyChanged(deps, row.patientId);
  const [view] = await views(deps, [(await repo.findQuestion(deps.db, questionId))!]);
  return view!;
}

/**
 * The patient's side rewrites or withdraws a question until it is answered; an answered one stays as the
 * record of what was said (conflict). Another patient's question is not_found, like a missing one.
 */
export async function editQuestion(deps: Deps, actor: Actor, questionId: string, body: string): Promise<QuestionView> {
  const row = await openQuestionFor(deps, actor, questionId);
  await deps.db.transaction(async (tx) => {
    if ((await repo.editQuestion(tx as never, questionId, body)).length === 0) throw new AppError('conflict', 'This question was already answered.');
    await people.auditPhi(deps, actor, { action: 'question.edit', patientId: row.patientId, targetType: 'visit_question', targetId: questionId, access: row.access }, tx as never);
  });
  await notifyChanged(deps, row.patientId);
  const [view] = await views(deps, [(await repo.findQuestion(deps.db, questionId))!]);
  return view!;
}

export async function deleteQuestion(deps: Deps, actor: Actor, questionId: string): Promise<void> {
  const row = await openQuestionFor(deps, actor, questionId);
  await deps.db.transaction(async (tx) => {
    if ((await repo.deleteQuestion(tx as never, questionId)).length === 0) throw new AppError('conflict', 'This question was already answered.');
    await people.auditPhi(deps, actor, { action: 'question.delete', patientId: row.patientId, targetType: 'visit_question', targetId: questionId, access: row.access }, tx as never);
  });
  await notifyChanged(deps, row.patientId);
}

async function openQuestionFor(deps: Deps, actor: Actor, questionId: string) {
  const row = await repo.findQuestion(deps.db, questionId);
  if (!row) throw new AppError('not_found');
  const access = await people.assertPatientAccess(deps, actor, row.patientId, 'appointments');
  if (row.answeredAt) throw new AppError('conflict', 'This question was already answered.');
  return { ...row, access };
}
