import { assertPatientAccess, auditPhi, getUser, reachablePatients } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { calendar, type IcsEvent } from './ics.ts';
import * as repo from './repo.ts';
import { feedOwner } from './service.ts';

/**
 * Calendar entries say what kind of appointment and where, never why: a feed ends up in third-party
 * calendar services, so no titles, diagnoses or notes; the description is the link into the app.
 */
async function toEvents(deps: Deps, rows: repo.AppointmentRow[], locale: string, linkBase: string): Promise<IcsEvent[]> {
  const t = translator(locale, 'appointments');
  const sites = new Map((await repo.sitesByIds(deps.db, [...new Set(rows.map((r) => r.siteId).filter((s): s is string => Boolean(s)))])).map((s) => [s.id, s]));
  const host = new URL(deps.config.publicUrl).hostname;
  return rows.map((a) => {
    const site = a.siteId ? sites.get(a.siteId) : undefined;
    return {
      uid: `${a.id}@${host}`,
      sequence: a.sequence,
      stamp: a.updatedAt,
      start: a.startsAt,
      end: a.endsAt,
      summary: t(`ics.summary.${a.kind}`),
      location: site ? `${site.name}, ${site.city}` : t(`kind.${a.kind}`),
      description: t('ics.description', { link: `${deps.config.publicUrl}${linkBase}` }),
      url: `${deps.config.publicUrl}${linkBase}`,
      cancelled: a.status === 'cancelled',
    };
  });
}

const linkBase = (role: string) => (role === 'caregiver' ? '/caregiver/appointments' : role === 'patient' ? '/patient/appointments' : '/navigator/schedule');

export async function appointmentIcs(deps: Deps, actor: Actor, id: string): Promise<string> {
  const a = await repo.findAppointment(deps.db, id);
  if (!a) throw new AppError('not_found');
  const access = await assertPatientAccess(deps, actor, a.patientId, 'appointments');
  await auditPhi(deps, actor, { action: 'appointment.ics', patientId: a.patientId, targetType: 'appointment', targetId: id, access });
  const user = await getUser(deps, actor.userId);
  return calendar(await toEvents(deps, [a], user?.locale ?? 'en', linkBase(actor.role)));
}

/** The private feed: the owner's appointments from 30 days ago on, cancelled ones marked CANCELLED. */
export async function feedIcs(deps: Deps, token: string, requestId: string): Promise<string | null> {
  const owner = await feedOwner(deps, token);
  if (!owner) return null;
  const listed = (await repo.listForParticipant(deps.db, owner.user.id, new Date(Date.now() - 30 * 86_400_000))).map((r) => r.a);
  // Being listed on an appointment is a cache: an entry stays in the feed only while its patient is reachable (S23).
  const reachable = await reachablePatients(deps, { userId: owner.user.id, role: owner.user.role, orgId: owner.user.orgId }, listed.map((a) => a.patientId), 'appointments');
  const rows = listed.filter((a) => reachable.has(a.patientId));
  await deps.audit.record({
    actor: owner.user.id,
    actorRole: owner.user.role,
    action: 'calendar_feed.read',
    targetType: 'calendar_feed',
    targetId: owner.feedId,
    outcome: 'success',
    requestId,
    details: { count: rows.length },
  });
  const t = translator(owner.user.locale, 'appointments');
  return calendar(await toEvents(deps, rows, owner.user.locale, linkBase(owner.user.role)), { name: t('ics.feedName') });
}
