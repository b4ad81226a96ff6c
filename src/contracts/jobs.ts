import { z } from 'zod';
import { Id } from './common.ts';

/**
 * Queue names and job payloads shared by producers (src/) and workers (workers/). Payloads carry ids and
 * codes only, never PHI (SECURITY.md S12): a worker reads what it needs from the database.
 */
export const QUEUES = {
  notifications: 'notifications',
  checkins: 'checkins',
  reminders: 'reminders',
  escalations: 'escalations',
  referrals: 'referrals',
  maintenance: 'maintenance',
  tasks: 'tasks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A notification to one user about one thing; the worker renders it in the user's language. */
export const NotificationJob = z.object({
  userId: Id,
  /**
   * `<namespace>.<name>`: the texts are locales/<lng>/<namespace>.json -> notify.<name>.{subject,text,sms},
   * with `{{link}}` for the link. E-mail and SMS texts carry no health information, only the link.
   */
  template: z.string().regex(/^[a-z]+\.[a-zA-Z0-9_.]+$/).max(80),
  /** Ids the template links to (thread, appointment, alert): never free text. */
  refs: z.record(z.string().regex(/^[a-zA-Z]+$/), z.string().max(80)).default({}),
  /** Where the link in the notification points, inside the app: a path, never a query with data. */
  link: z.string().regex(/^\/[a-zA-Z0-9/_-]*$/).max(200).default('/'),
  // SMS needs a phone number the user opted in with: appointment reminders send it on their own path.
  channels: z.array(z.enum(['email', 'inapp'])).min(1).default(['email']),
  /** Safety messages (urgent alerts, escalations): sent at once, never held for the recipient's quiet hours. */
  urgent: z.boolean().optional(),
}).strict();
export type NotificationJob = z.infer<typeof NotificationJob>;
