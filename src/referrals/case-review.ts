import { randomUUID } from 'node:crypto';
import type { EuracanDomain, RecommendationRequest } from '../contracts/referrals.ts';
import { siteIdsOfMember, getSite } from '../directory/service.ts';
import { enqueueNotification } from '../notifications/service.ts';
import { auditPhi, getUser } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { checkRevisedCodes } from './coding.ts';
import { releaseConsultation } from './consultation.ts';
import * as repo from './repo.ts';
import { getReferral, transition, viewerOf } from './service.ts';

/**
 * Case review (virtual tumour board): a session at a reference centre with an agenda of referred cases,
 * hosted by a specialist acting for that site. Participants are the site's staff the host invites and,
 * for each case on the agenda, the referring navigator.
 */
export async function createCaseReview(
  deps: Deps,
  actor: Actor,
  input: { siteId: string; title: string; domain?: EuracanDomain | undefined; startsAt: string; durationMinutes: number; participantIds: string[] },
) {
  if (!(await siteIdsOfMember(deps, actor.userId)).includes(input.siteId)) throw new AppError('forbidden', 'Only staff acting for this site can convene its board.');
  const site = await getSite(deps, actor.orgId, input.siteId);
  if (!site) throw new AppError('not_found');
  for (const id of input.participantIds) {
    const u = await getUser(deps, id);
    if (!u || u.orgId !== actor.orgId || !['navigator', 'specialist'].includes(u.role)) throw new AppError('invalid', 'Participants are navigators or specialists of this organization.', [{ path: 'participantIds', message: 'unknown user' }]);
  }
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertCaseReview(tx, { id, orgId: actor.orgId, siteId: input.siteId, domain: input.domain ?? null, title: input.title, startsAt: new Date(input.startsAt), durationMinutes: input.durationMinutes, status: 'scheduled', createdBy: actor.userId });
    await repo.addParticipants(tx, [
      { caseReviewId: id, userId: actor.userId, role: 'host' },
      ...input.participantIds.filter((p) => p !== actor.userId).map((userId) => ({ caseReviewId: id, userId, role: 'participant' as const })),
    ]);
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'case_review.create', targetType: 'case_review', targetId: id, outcome: 'success', requestId: actor.requestId }, tx);
  });
  return getCaseReview(deps, actor, id);
}

async function participantOf(deps: Deps, actor: Actor, caseReviewId: string) {
  const review = /^[0-9a-f-]{36}$/i.test(caseReviewId) ? await repo.findCaseReview(deps.db, caseReviewId) : undefined;
  const people = review && review.orgId === actor.orgId ? await repo.participantsOf(deps.db, caseReviewId) : [];
  const me = people.find((p) => p.userId === actor.userId);
  if (!review || !me) {
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'case_review.access', targetType: 'case_review', targetId: caseReviewId, outcome: 'denied', requestId: actor.requestId });
    throw new AppError('not_found');
  }
  return { review, people, me };
}

export async function listCaseReviews(deps: Deps, actor: Actor) {
  const rows = await repo.caseReviewsOfUser(deps.db, actor.userId);
  return rows.map(({ review, role }) => ({ id: review.id, title: review.title, siteId: review.siteId, domain: review.domain, startsAt: review.startsAt.toISOString(), durationMinutes: review.durationMinutes, status: review.status, role }));
}

/**
 * A case review with its agenda. Each case shows what this participant may see of the referral (the
 * receiving site: the shared packet under consent; the referring navigator: their own patient).
 */
export async function getCaseReview(deps: Deps, actor: Actor, caseReviewId: string) {
  const { review, people, me } = await participantOf(deps, actor, caseReviewId);
  const agenda = [];
  for (const item of await repo.agendaOf(deps.db, caseReviewId)) {
    try {
      const r = await getReferral(deps, actor, item.referralId);
      // The recommendation form names the language the patient reads (their summary is written in it).
      const patientLocale = r.patientName === null ? null : ((await getUser(deps, r.patientId))?.locale ?? 'en');
      agenda.push({ position: item.position, referralId: item.referralId, type: r.type, state: r.state, patientName: r.patientName, patientLocale, domain: r.domain, topography: r.topography, morphology: r.morphology, consent: r.consent.status, hasRecommendation: Boolean(r.recommendation) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
      agenda.push({ position: item.position, referralId: item.referralId, type: null, state: null, patientName: null, patientLocale: null, domain: null, topography: null, morphology: null, consent: null, hasRecommendation: false });
    }
  }
  const names = new Map<string, string>();
  for (const p of people) names.set(p.userId, (await getUser(deps, p.userId))?.name ?? '');
  return {
    id: review.id,
    title: review.title,
    siteId: review.siteId,
    domain: review.domain,
    startsAt: review.startsAt.toISOString(),
    durationMinutes: review.durationMinutes,
    status: review.status,
    myRole: me.role,
    participants: people.map((p) => ({ userId: p.userId, name: names.get(p.userId) ?? '', role: p.role })),
    agenda,
  };
}

/**
 * The host puts a referral to this site on the agenda; the referring navigator joins the session. An
 * accepted referral is scheduled for the session's start (its recommendation follows a scheduled review).
 */
export async function addAgendaItem(deps: Deps, actor: Actor, caseReviewId: string, referralId: string) {
  const { review, me } = await participantOf(deps, actor, caseReviewId);
  if (me.role !== 'host') throw new AppError('forbidden');
  if (review.status === 'completed' || review.status === 'cancelled') throw new AppError('conflict', 'This session is over.');
  const { row, viewer } = await viewerOf(deps, actor, referralId);
  if (viewer !== 'receiver' || row.toSiteId !== review.siteId) throw new AppError('not_found');
  if (row.state !== 'accepted' && row.state !== 'scheduled') throw new AppError('conflict', 'Accept the referral before putting it on the agenda.');
  const agenda = await repo.agendaOf(deps.db, caseReviewId);
  if (agenda.some((a) => a.referralId === referralId)) throw new AppError('conflict', 'This case is already on the agenda.');
  if (row.state === 'accepted') await transition(deps, actor, referralId, 'scheduled', { scheduledFor: review.startsAt.toISOString() });
  const position = agenda.length + 1;
  await deps.db.transaction(async (tx) => {
    await repo.insertAgendaItem(tx, { caseReviewId, referralId, position });
    await repo.addParticipants(tx, [{ caseReviewId, userId: row.navigatorId, role: 'participant' }]);
    await auditPhi(deps, actor, { action: 'case_review.agenda.add', patientId: row.patientId, targetType: 'case_review', targetId: caseReviewId, details: { referralId } }, tx);
  });
  await enqueueNotification(deps, `case-review-invite.${caseReviewId}.${row.navigatorId}`, { userId: row.navigatorId, template: 'referrals.caseReviewInvite', refs: { caseReviewId }, link: `/navigator/case-reviews/${caseReviewId}`, channels: ['inapp', 'email'] });
  return getCaseReview(deps, actor, caseReviewId);
}

const REVIEW_MOVES: Record<string, readonly string[]> = { scheduled: ['live', 'cancelled', 'completed'], live: ['completed'], completed: [], cancelled: [] };

export async function setCaseReviewStatus(deps: Deps, actor: Actor, caseReviewId: string, status: 'live' | 'completed' | 'cancelled') {
  const { review, me } = await participantOf(deps, actor, caseReviewId);
  if (me.role !== 'host') throw new AppError('forbidden');
  if (!REVIEW_MOVES[review.status]?.includes(status)) throw new AppError('conflict', `A session cannot go from ${review.status} to ${status}.`);
  await repo.setCaseReviewStatus(deps.db, caseReviewId, status);
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: `case_review.${status}`, targetType: 'case_review', targetId: caseReviewId, outcome: 'success', requestId: actor.requestId });
  return getCaseReview(deps, actor, caseReviewId);
}

// ---------------------------------------------------------------------------------------------------
// Recommendation
// ---------------------------------------------------------------------------------------------------

/**
 * The receiving site's structured recommendation. It completes the referral (scheduled -> completed) in
 * the same transaction, goes to the navigator, and the patient gets a plain-language summary in their
 * language (summaryForPatient).
 */
export async function submitRecommendation(deps: Deps, actor: Actor, referralId: string, input: RecommendationRequest) {
  const { row, viewer } = await viewerOf(deps, actor, referralId);
  if (viewer !== 'receiver' || actor.role !== 'specialist') throw new AppError('forbidden');
  if (row.state !== 'scheduled') throw new AppError('conflict', 'A recommendation follows a scheduled review.');
  checkRevisedCodes(input.revisedTopography, input.revisedMorphology);
  if (input.caseReviewId) {
    const agenda = await repo.agendaOf(deps.db, input.caseReviewId);
    if (!agenda.some((a) => a.referralId === referralId)) throw new AppError('invalid', 'This case is not on that session’s agenda.', [{ path: 'caseReviewId', message: 'not on agenda' }]);
  }
  const id = randomUUID();
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    if (await repo.recommendationOf(tx, referralId)) throw new AppError('conflict', 'This referral already has its recommendation.');
    await repo.insertRecommendation(tx, {
      id,
      referralId,
      caseReviewId: input.caseReviewId ?? null,
      diagnosis: input.diagnosis,
      revisedTopography: input.revisedTopography ?? null,
      revisedMorphology: input.revisedMorphology ?? null,
      treatment: input.treatment,
      treatmentDetail: input.treatmentDetail,
      trials: input.trials,
      followUp: input.followUp,
      noteForPatient: input.noteForPatient ?? null,
      noteLanguage: input.noteLanguage ?? null,
      authoredBy: actor.userId,
    });
    const moved = await repo.moveState(tx, referralId, 'scheduled', { state: 'completed', completedAt: now });
    if (moved.length === 0) throw new AppError('conflict', 'The referral changed meanwhile; reload it.');
    await repo.insertEvent(tx, { id: randomUUID(), referralId, fromState: 'scheduled', toState: 'completed', actor: actor.userId, reason: 'recommendation' });
    await auditPhi(deps, actor, { action: 'referral.recommendation', patientId: row.patientId, targetType: 'referral', targetId: referralId, details: { diagnosis: input.diagnosis } }, tx);
  });
  for (const userId of new Set([row.navigatorId, row.createdBy])) {
    await enqueueNotification(deps, `ref-recommendation.${referralId}.${userId}`, { userId, template: 'referrals.recommendation', refs: { referralId }, link: `/navigator/referrals/${referralId}`, channels: ['inapp', 'email'] });
  }
  await enqueueNotification(deps, `ref-summary.${referralId}.${row.patientId}`, { userId: row.patientId, template: 'referrals.summary', refs: { referralId }, link: `/patient/summaries/${referralId}`, channels: ['inapp', 'email'] });
  await releaseConsultation(deps, actor, row, 'completed');
  return getReferral(deps, actor, referralId);
}

/**
 * The patient's plain-language summary, composed in the patient's language from the structured
 * recommendation and locale texts (never machine-translated). The author's own note is shown as written,
 * with the language it was written in.
 */
export async function summaryForPatient(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  if (viewer === 'receiver') throw new AppError('forbidden');
  const rec = await repo.recommendationOf(deps.db, referralId);
  if (!rec) throw new AppError('not_found');
  const patient = await getUser(deps, row.patientId);
  const locale = patient?.locale ?? 'en';
  const site = row.toSiteId ? await getSite(deps, row.orgId, row.toSiteId) : null;
  const summary = renderPatientSummary(locale, { ...rec, siteName: site?.name ?? '', type: row.type });
  await auditPhi(deps, actor, { action: 'referral.summary.read', patientId: row.patientId, targetType: 'referral', targetId: referralId, access });
  return { ...summary, siteName: site?.name ?? '', writtenAt: rec.createdAt.toISOString() };
}

export function renderPatientSummary(
  locale: string,
  rec: Pick<repo.RecommendationRow, 'diagnosis' | 'treatment' | 'trials' | 'followUp' | 'noteForPatient' | 'noteLanguage'> & { siteName: string; type: string },
) {
  const t = translator(locale, 'referrals');
  const paragraphs = [
    t(`summary.intro`, { site: rec.siteName }),
    t(`summary.diagnosis.${rec.diagnosis}`),
    t('summary.treatmentIntro'),
    ...rec.treatment.map((code) => `• ${t(`summary.treatment.${code}`)}`),
    rec.trials.length ? t('summary.trials', { count: rec.trials.length }) : t('summary.noTrials'),
    t(`summary.followUp.${rec.followUp.with}`, { count: rec.followUp.inWeeks }),
    t('summary.questions'),
  ];
  return {
    locale,
    paragraphs,
    note: rec.noteForPatient ? { text: rec.noteForPatient, language: rec.noteLanguage, languageName: t(`languages.${rec.noteLanguage ?? 'en'}`) } : null,
  };
}
