import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { NotificationJob, QUEUES } from '../contracts/jobs.ts';
import type { Deps } from '../platform/context.ts';
import { translator } from '../platform/i18n.ts';
import { pushToUsers } from '../platform/push.ts';
import { getUser } from '../people/service.ts';
import { quietUntil } from '../preferences/service.ts';
import { inappNotifications, notificationDeliveries } from './tables.ts';

/**
 * Queues a notification. The job id is the caller's deterministic key (e.g. `msg:<messageId>:<userId>`),
 * so enqueuing the same thing twice leaves one job (SECURITY.md S14).
 */
export async function enqueueNotification(deps: Deps, jobKey: string, job: NotificationJob, opts: Pick<JobsOptions, 'delay'> = {}) {
  const data = NotificationJob.parse(job);
  await deps.queues.get(QUEUES.notifications).add(data.template, data, { ...opts, jobId: jobKey });
}

/** Cancels a queued notification that is no longer needed (the user read the message first). */
export async function cancelNotification(deps: Deps, jobKey: string): Promise<boolean> {
  const job = await deps.queues.get(QUEUES.notifications).getJob(jobKey);
  if (!job || !(await job.isDelayed())) return false;
  await job.remove();
  return true;
}

/**
 * Delivers one notification job on each of its channels, at most once per channel: a delivery row keyed
 * by job id and channel is written before sending and marked sent after, so a retry after a crash skips
 * what already went out (SECURITY.md S13).
 *
 * An e-mail due (`now`) inside the recipient's quiet hours is held to their end unless the job is urgent:
 * the in-app notice (silent) goes now, and `deferredUntil` asks the worker to run the same job again then,
 * when only the e-mail is left to send (docs/decisions/0715).
 */
export async function deliver(deps: Deps, jobKey: string, data: NotificationJob, now = new Date()): Promise<{ sent: string[]; skipped: string[]; deferredUntil?: Date }> {
  const user = await getUser(deps, data.userId);
  if (!user || user.disabledAt) return { sent: [], skipped: data.channels };
  // `messaging.unread` reads locales/<lng>/messaging.json -> notify.unread.{subject,text,sms}.
  const [ns = 'notifications', ...rest] = data.template.split('.');
  const t = translator(user.locale, ns);
  const base = `notify.${rest.join('.')}`;
  // A template without texts would e-mail its key: fail for good instead of retrying.
  if (!t(`${base}.subject`, { defaultValue: '' })) throw new UnrecoverableError(`unknown notification template ${data.template}`);
  const link = `${deps.config.publicUrl}${data.link}`;
  const sent: string[] = [];
  const skipped: string[] = [];
  const held = data.urgent || !data.channels.includes('email') ? null : await quietUntil(deps, user.id, now);
  for (const channel of data.channels) {
    if (held && channel === 'email') continue;
    const key = `${jobKey}:${channel}`;
    const [existing] = await deps.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.jobKey, key));
    if (existing?.status === 'sent') {
      skipped.push(channel);
      continue;
    }
    if (!existing) await deps.db.insert(notificationDeliveries).values({ jobKey: key, userId: user.id, channel, template: data.template, status: 'sending' }).onConflictDoNothing();
    if (channel === 'email') {
      await deps.mailer.send({ to: user.email, subject: t(`${base}.subject`), text: t(`${base}.text`, { link }) });
    } else {
      const id = randomUUID();
      await deps.db.insert(inappNotifications).values({ id, userId: user.id, template: data.template, refs: { ...data.refs, link: data.link } });
      pushToUsers(deps, [user.id], 'notification:new', () => ({ id, template: data.template, refs: data.refs, link: data.link }));
    }
    await deps.db.update(notificationDeliveries).set({ status: 'sent', sentAt: new Date() }).where(eq(notificationDeliveries.jobKey, key));
    sent.push(channel);
  }
  return held ? { sent, skipped, deferredUntil: held } : { sent, skipped };
}

export { listInapp, markInappRead, unreadCount } from './inbox.ts';
