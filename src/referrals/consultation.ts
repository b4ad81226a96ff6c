import { bookReferralConsultation, cancelAppointment, rescheduleAppointment } from '../appointments/service.ts';
import { getSite } from '../directory/service.ts';
import { joinCareTeamForReferral, leaveCareTeamAfterReferral } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import * as repo from './repo.ts';

/**
 * A consultation scheduled by time is a video appointment with the receiving specialist
 * (docs/decisions/0508): the referral holds the specialist's place on the patient's care team (0510; a
 * standing member stays as they are), the appointment is booked through the appointments domain (reminders, the patient's home,
 * the specialist's home, the video room), and it moves or is cancelled with the referral.
 */

/** A first consultation's length; the appointment can be moved or lengthened from the schedule. */
export const CONSULTATION_MINUTES = 45;

/** Books the appointment; the caller has checked the receiving side and the patient's consent. */
export async function bookConsultation(deps: Deps, actor: Actor, row: repo.ReferralRow, startsAt: Date) {
  const joined = await joinCareTeamForReferral(deps, actor, row.patientId, row.id);
  try {
    const site = row.toSiteId ? await getSite(deps, row.orgId, row.toSiteId) : null;
    const appointment = await bookReferralConsultation(deps, actor, {
      patientId: row.patientId,
      startsAt,
      minutes: CONSULTATION_MINUTES,
      participantIds: [...new Set([actor.userId, row.navigatorId])],
      title: site?.name ?? '',
    });
    await repo.updateReferral(deps.db, row.id, { consultAppointmentId: appointment.id, consultSpecialistId: joined ? actor.userId : null });
    return appointment;
  } catch (err) {
    if (joined) await leaveCareTeamAfterReferral(deps, actor, row.patientId, actor.userId, row.id);
    throw err;
  }
}

/** A new time for a scheduled consultation moves its appointment (reminders are planned again). */
export async function moveConsultation(deps: Deps, actor: Actor, row: repo.ReferralRow, startsAt: Date) {
  if (!row.consultAppointmentId) return;
  const endsAt = new Date(startsAt.getTime() + CONSULTATION_MINUTES * 60_000);
  await rescheduleAppointment(deps, actor, row.consultAppointmentId, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
}

/**
 * The referral ended. Cancelled: its appointment is cancelled (the patient and the specialist are told).
 * Cancelled or completed: it releases its hold on the specialist's membership; when no other open referral
 * holds it, the specialist leaves the care team and their access ends at once.
 */
export async function releaseConsultation(deps: Deps, actor: Actor, row: repo.ReferralRow, to: 'cancelled' | 'completed') {
  if (to === 'cancelled' && row.consultAppointmentId) await cancelAppointment(deps, actor, row.consultAppointmentId);
  if (row.consultSpecialistId) await leaveCareTeamAfterReferral(deps, actor, row.patientId, row.consultSpecialistId, row.id);
}
