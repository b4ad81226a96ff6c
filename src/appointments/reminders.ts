import type { Deps } from '../platform/context.ts';
import { deliver } from '../notifications/service.ts';
import { getUser, withAccess } from '../people/service.ts';
import { quietUntil } from '../preferences/service.ts';
import { translator } from '../platform/i18n.ts';
import { eq } from 'drizzle-orm';
import * as repo from './repo.ts';
import { syncReminderJobs } from './service.ts';
import type { HttpSmsGateway } from './sms.ts';
import { reminderDeliveries } from './tables.ts';

export type ReminderOutcome =
  | { status: 'sent'; channels: string[] }
  | { status: 'deferred'; channels: string[]; deferredUntil: Date }
  | { status: 'stale' | 'already_sent' | 'unknown' | 'skipped' };

/** "Tuesday, 14 March 2028 at 10:00 (Europe/Madrid)" in the recipient's language and zone. */
export function formatWhen(at: Date, locale: string, timezone: string): string {
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: timezone }).format(at);
  return `${text} (${timezone})`;
}

/**
 * Sends one reminder (the job id names it), at most once per channel (S13): the reminder row must still
 * be pending and of the appointment's current version, else it is stale (rescheduled, cancelled) and
 * nothing goes out. Each channel writes a delivery row before sending and marks it after; a retry after
 * a crash skips what is marked, and the SMS gateway receives the same idempotency key again.
 *
 * Due (`now`) inside the recipient's own quiet hours, the e-mail and SMS wait for their end (the in-app
 * notice goes now) unless that end is not before the appointment: then the reminder goes at once
 * (docs/decisions/0715). The person's quiet hours are read at send time, so a change applies to
 * reminders already planned.
 */
export async function sendReminder(deps: Deps, jobId: string, sms?: Pick<HttpSmsGateway, 'send'>, now = new Date()): Promise<ReminderOutcome> {
  const r = await repo.findReminder(deps.db, jobId);
  if (!r) return { status: 'unknown' };
  if (r.status === 'sent') return { status: 'already_sent' };
  if (r.status !== 'pending') return { status: 'stale' };
  const a = await repo.findAppointment(deps.db, r.appointmentId);
  if (!a || a.status === 'cancelled' || a.version !== r.version) {
    await repo.setReminderStatus(deps.db, [jobId], 'cancelled');
    return { status: 'stale' };
  }
  const user = await getUser(deps, r.userId);
  // Checked at send time: a caregiver whose consent was revoked after planning gets nothing (S23).
  if (!user || user.disabledAt || (await withAccess(deps, [user.id], a.patientId, 'appointments')).length === 0) {
    await repo.setReminderStatus(deps.db, [jobId], 'skipped');
    return { status: 'skipped' };
  }
  const prefs = await repo.findPreferences(deps.db, user.id);
  const t = translator(user.locale, 'appointments');
  const link = `${deps.config.publicUrl}${user.role === 'caregiver' ? '/caregiver' : '/patient'}/appointments`;
  const vars = { when: formatWhen(a.startsAt, user.locale, user.timezone), link };
  const channels: Array<'inapp' | 'email' | 'sms'> = [];
  if (prefs?.inapp ?? true) channels.push('inapp');
  if (prefs?.email ?? true) channels.push('email');
  if (prefs?.sms && prefs.phone && sms) channels.push('sms');
  const quietEnd = channels.some((c) => c !== 'inapp') ? await quietUntil(deps, user.id, now) : null;
  const held = quietEnd && quietEnd < a.startsAt ? quietEnd : null;
  const sent: string[] = [];
  for (const channel of channels) {
    if (held && channel !== 'inapp') continue;
    const key = `${jobId}/${channel}`;
    await deps.db.insert(reminderDeliveries).values({ key, jobId, channel, status: 'sending' }).onConflictDoNothing();
    const [row] = await deps.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.key, key));
    if (row?.status === 'sent') continue;
    if (channel === 'inapp') {
      await deliver(deps, jobId, { userId: user.id, template: 'appointments.reminder', refs: { appointmentId: a.id }, link: new URL(link).pathname, channels: ['inapp'] });
    } else if (channel === 'email') {
      await deps.mailer.send({ to: user.email, subject: t('notify.reminder.subject', vars), text: t('notify.reminder.text', vars) });
    } else {
      await sms!.send(prefs!.phone!, t('notify.reminder.sms', vars), { idempotencyKey: key });
    }
    await deps.db.update(reminderDeliveries).set({ status: 'sent', sentAt: new Date() }).where(eq(reminderDeliveries.key, key));
    sent.push(channel);
  }
  if (held) return { status: 'deferred', channels: sent, deferredUntil: held };
  await repo.markReminderSent(deps.db, jobId);
  return { status: 'sent', channels: sent };
}

/**
 * Re-queues every pending reminder whose job may be missing (a process died between the commit and
 * the queue add). Adding an existing job id is a no-op, so this is safe at every worker start.
 */
export async function reconcilePendingReminders(deps: Deps): Promise<number> {
  const ids = await repo.appointmentsWithPendingReminders(deps.db);
  for (const id of ids) await syncReminderJobs(deps, id);
  return ids.length;
}
