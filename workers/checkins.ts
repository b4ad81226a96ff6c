import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { checkinDue, checkinReminder, checkinTask, DUE_JOB, REMINDER_JOB, TASK_JOB } from '../src/checkins/service.ts';
import { defineJob } from './runtime.ts';

/** Fired by a patient's BullMQ job scheduler: opens the check-in request (once per occurrence). */
export const checkinDueJob = defineJob({
  queue: QUEUES.checkins,
  name: DUE_JOB,
  schema: z.object({ patientId: z.uuid(), version: z.number().int().min(1) }).strict(),
  handle: (data, job, deps) => checkinDue(deps, data.patientId, data.version, job.timestamp + (job.opts.delay ?? 0)),
});

const RequestJob = z.object({ requestId: z.uuid() }).strict();

/** 24 h without an answer: remind the patient (once). */
export const checkinReminderJob = defineJob({ queue: QUEUES.checkins, name: REMINDER_JOB, schema: RequestJob, handle: (data, _job, deps) => checkinReminder(deps, data.requestId) });

/** 72 h without an answer: a task on the navigator's queue (a `missed_checkin` alert, once). */
export const checkinTaskJob = defineJob({ queue: QUEUES.checkins, name: TASK_JOB, schema: RequestJob, handle: (data, _job, deps) => checkinTask(deps, data.requestId) });
