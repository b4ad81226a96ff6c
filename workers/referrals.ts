import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { OVERDUE_JOB, REMINDER_JOB, runOverdue, runReminder } from '../src/referrals/service.ts';
import { defineJob } from './runtime.ts';

/** Job data: ids and the deadline the job was scheduled for (a stale job finds a different one and stops). */
const ReminderData = z.object({ referralId: z.uuid(), deadlineAt: z.iso.datetime(), daysBefore: z.number().int().min(1).max(60) }).strict();
const OverdueData = z.object({ referralId: z.uuid(), deadlineAt: z.iso.datetime() }).strict();

/** A reminder to the receiving site before a referral's response deadline. */
export const referralReminderJob = defineJob({
  queue: QUEUES.referrals,
  name: REMINDER_JOB,
  schema: ReminderData,
  handle: (data, _job, deps) => runReminder(deps, data),
});

/** The response deadline passed: an alert for the navigator. */
export const referralOverdueJob = defineJob({
  queue: QUEUES.referrals,
  name: OVERDUE_JOB,
  schema: OverdueData,
  handle: (data, _job, deps) => runOverdue(deps, data),
});
