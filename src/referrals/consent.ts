import { randomUUID } from 'node:crypto';
import { auditPhi, caregivers, patientAccess, withAccess } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import * as repo from './repo.ts';
import { FINAL_STATES } from './state.ts';
import { consentView, notify, pushChanged, viewerOf } from './service.ts';

/**
 * The patient's consent to share the records packet with the receiving site (docs/decisions/0505).
 * The navigator asks (a notification and a card on the patient's home); the patient agrees or declines
 * in the app, or the navigator records consent given in person with its witness. A caregiver answers
 * only while the patient's grant holds the `referral_consent` scope, checked at the moment of the
 * answer; the audit row names the caregiver as actor and the patient as subject.
 */

async function answering(deps: Deps, actor: Actor, referralId: string) {
  const v = await viewerOf(deps, actor, referralId);
  if (v.viewer === 'receiver') throw new AppError('forbidden');
  if (actor.role !== 'caregiver') return v;
  const access = await patientAccess(deps, actor, v.row.patientId, 'referral_consent');
  if (!access) throw new AppError('forbidden', 'The patient has not allowed you to answer consent requests.');
  return { ...v, access };
}

async function openReferral(deps: Deps, actor: Actor, referralId: string) {
  const v = await answering(deps, actor, referralId);
  if (FINAL_STATES.includes(v.row.state)) throw new AppError('conflict', 'This referral is closed.');
  return v;
}

/** Who answered for whom, in the audit row's details. */
const onBehalf = (actor: Actor) => ({ onBehalfOfPatient: actor.role === 'caregiver' });

/** The navigator asks the patient: once a receiving site is chosen, since the patient must know with whom. */
export async function requestConsent(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await openReferral(deps, actor, referralId);
  if (viewer !== 'sender') throw new AppError('forbidden');
  if (!row.toSiteId) throw new AppError('invalid', 'Choose the receiving site first.', [{ path: 'toSiteId', message: 'required' }]);
  const at = new Date();
  await deps.db.transaction(async (tx) => {
    await repo.updateReferral(tx, row.id, { consentRequestedAt: at, consentDeclinedAt: null });
    await auditPhi(deps, actor, { action: 'referral.consent.request', patientId: row.patientId, targetType: 'referral', targetId: row.id, access }, tx);
  });
  const key = `ref-consent.${row.id}.${at.getTime()}`;
  await notify(deps, [row.patientId], key, 'referralflow.consentRequested', row.id, '/patient');
  const caregiverIds = (await caregivers(deps, row.patientId)).map((c) => c.caregiverId);
  const helpers = [...new Set([...(await withAccess(deps, caregiverIds, row.patientId, 'records')), ...(await withAccess(deps, caregiverIds, row.patientId, 'referral_consent'))])];
  await notify(deps, helpers, key, 'referralflow.consentRequested', row.id, '/caregiver');
  await pushChanged(deps, row);
  return consentView(deps, { ...row, consentRequestedAt: at, consentDeclinedAt: null });
}

/**
 * Consent given in the app by the patient, or recorded by the navigator (verbal or written, with who
 * witnessed it).
 */
export async function grantConsent(deps: Deps, actor: Actor, referralId: string, input: { method: 'in_app' | 'verbal' | 'written'; witness?: string | undefined }) {
  const { row, viewer, access } = await openReferral(deps, actor, referralId);
  if (viewer === 'patient' && input.method !== 'in_app') throw new AppError('invalid', 'In the app, consent is given in the app.');
  if (viewer === 'sender' && input.method === 'in_app') throw new AppError('invalid', 'Record how the patient consented: verbal or written.');
  await deps.db.transaction(async (tx) => {
    if (await repo.activeConsent(tx, referralId)) return;
    await repo.insertConsent(tx, { id: randomUUID(), referralId, patientId: row.patientId, method: input.method, witness: viewer === 'sender' ? (input.witness ?? null) : null, recordedBy: actor.userId });
    await repo.updateReferral(tx, referralId, { consentDeclinedAt: null });
    await auditPhi(deps, actor, { action: 'referral.consent.grant', patientId: row.patientId, targetType: 'referral', targetId: referralId, access, details: { method: input.method, ...onBehalf(actor) } }, tx);
  });
  await pushChanged(deps, row);
  return consentView(deps, { ...row, consentDeclinedAt: null });
}

/** The patient says no: the request leaves the home, and the navigator is told. */
export async function declineConsent(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await openReferral(deps, actor, referralId);
  if (viewer !== 'patient') throw new AppError('forbidden');
  if (await repo.activeConsent(deps.db, referralId)) throw new AppError('conflict', 'Consent is given: withdraw it instead.');
  const at = new Date();
  await deps.db.transaction(async (tx) => {
    await repo.updateReferral(tx, referralId, { consentDeclinedAt: at });
    await auditPhi(deps, actor, { action: 'referral.consent.decline', patientId: row.patientId, targetType: 'referral', targetId: referralId, access, details: onBehalf(actor) }, tx);
  });
  await notify(deps, [row.navigatorId, row.createdBy], `ref-consent-declined.${row.id}.${at.getTime()}`, 'referralflow.consentDeclined', row.id, `/navigator/referrals/${row.id}`);
  await pushChanged(deps, row);
  return consentView(deps, { ...row, consentDeclinedAt: at });
}

/** Revoking takes effect at once: the next read by the receiving site has no packet. */
export async function revokeConsent(deps: Deps, actor: Actor, referralId: string) {
  const { row, access } = await answering(deps, actor, referralId);
  await deps.db.transaction(async (tx) => {
    if ((await repo.revokeConsent(tx, referralId, actor.userId)).length === 0) throw new AppError('not_found');
    await auditPhi(deps, actor, { action: 'referral.consent.revoke', patientId: row.patientId, targetType: 'referral', targetId: referralId, access, details: onBehalf(actor) }, tx);
  });
  await pushChanged(deps, row);
  return consentView(deps, row);
}
