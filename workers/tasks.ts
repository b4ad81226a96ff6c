import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { EVENT_JOB, GOALS_REVIEW_JOB, handleTaskEvent, runGoalsReview } from '../src/tasks/events.ts';
import { REMINDER_JOB, runReminder } from '../src/tasks/service.ts';
import { defineJob } from './runtime.ts';

const TaskEventData = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['checkin', 'progression', 'appointment']), id: z.uuid() }).strict(),
  z.object({ kind: z.literal('referral'), id: z.uuid(), state: z.enum(['sent', 'accepted', 'scheduled']) }).strict(),
]);

/** An event from another domain through the task rules (exactly one set of tasks per event). */
export const taskEventJob = defineJob({ queue: QUEUES.tasks, name: EVENT_JOB, schema: TaskEventData, handle: (data, _job, deps) => handleTaskEvent(deps, data) });

/** The owner's reminder before a task's due date. */
export const taskReminderJob = defineJob({
  queue: QUEUES.tasks,
  name: REMINDER_JOB,
  schema: z.object({ taskId: z.uuid(), dueAt: z.iso.datetime() }).strict(),
  handle: (data, _job, deps) => runReminder(deps, data),
});

/** The periodic goals-of-care review (every 3 months by default). */
export const goalsReviewJob = defineJob({ queue: QUEUES.tasks, name: GOALS_REVIEW_JOB, schema: z.object({ goalsId: z.uuid() }).strict(), handle: (data, _job, deps) => runGoalsReview(deps, data.goalsId) });
