import type { AppointmentView } from '../contracts/appointments.ts';
import type { HomeView } from '../contracts/home.ts';
import { CAREGIVER_SCOPES, type CaregiverScope } from '../contracts/people.ts';
import { listAppointments } from '../appointments/service.ts';
import { checkinHome } from '../checkins/service.ts';
import { listThreads } from '../messaging/service.ts';
import * as people from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { isOpen, nextOpening } from '../platform/time.ts';
import { belongsTo, openQuestionsOf } from '../questions/service.ts';
import { getReferral, listForPatient as referralsOf } from '../referrals/service.ts';

const OPEN_REFERRAL = new Set(['draft', 'sent', 'accepted', 'scheduled']);
const SUMMARY_DAYS = 30;

function nextAppointment(list: AppointmentView[], now: number): AppointmentView | undefined {
  return list.filter((a) => a.status !== 'cancelled' && Date.parse(a.endsAt) >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
}

async function referralSections(deps: Deps, actor: Actor, patientId: string, now: number) {
  const referrals = await referralsOf(deps, actor, patientId);
  const consentRequests: NonNullable<HomeView['consentRequests']> = [];
  for (const r of referrals.filter((x) => OPEN_REFERRAL.has(x.state))) {
    const full = await getReferral(deps, actor, r.id);
    // Asked for by the navigator and not answered with a no (docs/decisions/0505).
    if (full.consent.status !== 'active' && full.consent.requestedAt && !full.consent.declinedAt) consentRequests.push({ referralId: r.id, type: r.type, toSiteName: r.toSiteName });
  }
  const boardSummaries = referrals
    .filter((r) => r.state === 'completed' && now - Date.parse(r.updatedAt) <= SUMMARY_DAYS * 86_400_000)
    .map((r) => ({ referralId: r.id, toSiteName: r.toSiteName, completedAt: r.updatedAt }));
  return { consentRequests, boardSummaries };
}

/**
 * The home: composed from each domain's service, each reading under its own access check and audit,
 * and only the parts the reader was granted. First what needs the person, then what is coming.
 */
export async function homeFor(deps: Deps, actor: Actor, requested: string | undefined, now = Date.now()): Promise<HomeView> {
  const patientId = actor.role === 'patient' ? actor.userId : requested;
  if (!patientId) throw new AppError('invalid', 'patientId: required when acting for a patient', [{ path: 'patientId', message: 'required' }]);
  if (actor.role === 'patient' && requested && requested !== actor.userId) throw new AppError('not_found');
  // What the reader may see now: everything for the patient, the granted scopes for a caregiver.
  const decision = await people.requireAccess(deps, actor, patientId, 'profile');
  const granted = CAREGIVER_SCOPES.filter((s) => people.permits(decision, s));
  const can = (s: CaregiverScope) => granted.includes(s);

  const [patient, primaryNavigator] = await Promise.all([people.getUser(deps, patientId), people.primaryNavigatorId(deps, patientId)]);
  const org = await people.getOrganization(deps, patient?.orgId ?? actor.orgId);
  const timezone = org?.timezone ?? 'UTC';
  const hours = org?.workingHours ?? { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  const at = new Date(now);

  const checkins = can('checkins') ? { due: (await checkinHome(deps, actor, patientId)).due } : null;
  // A caregiver allowed to answer consent requests sees them even without the records scope.
  const referrals = can('records') || can('referral_consent') ? await referralSections(deps, actor, patientId, now) : null;
  let next: HomeView['next'] = null;
  let openQuestions: HomeView['openQuestions'] = null;
  if (can('appointments')) {
    openQuestions = await openQuestionsOf(deps, patientId);
    const appointment = nextAppointment(await listAppointments(deps, actor, patientId), now);
    if (appointment) next = { appointment, questions: openQuestions.filter((q) => belongsTo(q, appointment)) };
  }
  let messages: HomeView['messages'] = null;
  if (can('messages')) {
    const threads = (await listThreads(deps, actor)).filter((t) => t.patientId === patientId && t.kind !== 'staff');
    const unread = threads.filter((t) => !t.muted).reduce((n, t) => n + t.unread, 0);
    messages = { unread, threadId: (threads.find((t) => t.unread > 0) ?? threads.find((t) => t.kind === 'care_team'))?.id ?? null };
  }
  const careTeam = await people.careTeam(deps, patientId);
  // The patient's primary navigator comes first.
  careTeam.sort((a, b) => Number(b.userId === primaryNavigator) - Number(a.userId === primaryNavigator));
  const opening = nextOpening(at, hours, timezone);
  return {
    patient: { id: patientId, name: patient?.name ?? '' },
    actingFor: actor.role === 'caregiver',
    granted,
    checkins,
    consentRequests: referrals?.consentRequests ?? null,
    boardSummaries: can('records') ? (referrals?.boardSummaries ?? null) : null,
    next,
    openQuestions,
    messages,
    careTeam,
    hours: { days: hours.days, start: hours.start, end: hours.end, timezone, openNow: isOpen(at, hours, timezone), nextOpening: opening?.toISOString() ?? null },
  };
}
