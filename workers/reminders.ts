import { z } from 'zod';
import { sendReminder } from '../src/appointments/reminders.ts';
import { smsFromConfig, type HttpSmsGateway } from '../src/appointments/sms.ts';
import { Id } from '../src/contracts/common.ts';
import { QUEUES } from '../src/contracts/jobs.ts';
import { defineJob } from './runtime.ts';

/** Ids only (S12): the handler reads the reminder row and the appointment from the database. */
export const ReminderJob = z
  .object({ appointmentId: Id, userId: Id, offsetMinutes: z.number().int().positive(), version: z.number().int().positive() })
  .strict();

/** Appointment reminders; a test hands in its own SMS gateway client (pointed at a local fake gateway). */
export const makeReminderJob = (opts: { sms?: Pick<HttpSmsGateway, 'send'> | undefined } = {}) =>
  defineJob({
    queue: QUEUES.reminders,
    name: 'reminder',
    schema: ReminderJob,
    handle: (_data, job, deps) => sendReminder(deps, String(job.id), opts.sms ?? smsFromConfig(deps.config)),
  });

export const remindersJob = makeReminderJob();
