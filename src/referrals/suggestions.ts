import type { EuracanDomain } from '../contracts/referrals.ts';
import { travelMinutes } from '../appointments/service.ts';
import { suggestCentres } from '../directory/service.ts';
import { auditPhi, getPatientRecord, getUser } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { viewerOf } from './service.ts';

/**
 * Receiving sites for a draft's EURACAN domain (from its codes or chosen by hand), reference centres
 * and telemedicine first, then the patient's language; with the recorded travel time from the
 * patient's home site where one is known (null: not recorded, never guessed).
 */
export async function siteSuggestions(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  if (viewer !== 'sender') throw new AppError('forbidden');
  if (!row.domain) return [];
  const [patient, record] = await Promise.all([getUser(deps, row.patientId), getPatientRecord(deps, row.patientId)]);
  const home = record?.siteId ?? row.fromSiteId;
  const sites = await suggestCentres(deps, actor, row.domain as EuracanDomain, patient?.locale);
  const out = [];
  for (const s of sites) {
    out.push({
      id: s.id,
      name: s.name,
      kind: s.kind,
      city: s.city,
      telemedicine: s.telemedicine,
      languages: s.languages,
      speaksPatientLanguage: Boolean(patient && s.languages.includes(patient.locale)),
      travelMinutes: home ? await travelMinutes(deps, actor.orgId, home, s.id) : null,
    });
  }
  await auditPhi(deps, actor, { action: 'referral.sites.suggest', patientId: row.patientId, targetType: 'referral', targetId: row.id, access, details: { count: out.length } });
  return out;
}
