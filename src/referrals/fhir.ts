import type { ReferralState, ReferralType } from '../contracts/referrals.ts';
import { getSite } from '../directory/service.ts';
import { auditPhi, getPatientRecord, getUser } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { MORPHOLOGY_BY_CODE, TOPOGRAPHY_BY_CODE } from './data/icdo3.ts';
import * as repo from './repo.ts';
import { viewerOf } from './service.ts';

/** ICD-O-3 in FHIR (HL7 Terminology, CodeSystem icd-o-3; OID 2.16.840.1.113883.6.43.1). */
export const ICDO3_SYSTEM = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

/** LOINC document types for the packet's kinds (others carry text only). */
const DOC_TYPE: Partial<Record<string, { code: string; display: string }>> = {
  pathology: { code: '11526-1', display: 'Pathology study' },
  imaging: { code: '18748-4', display: 'Diagnostic imaging study' },
  lab: { code: '11502-2', display: 'Laboratory report' },
};

const SR_STATUS: Record<ReferralState, string> = {
  draft: 'draft',
  sent: 'active',
  accepted: 'active',
  scheduled: 'active',
  completed: 'completed',
  declined: 'revoked',
  cancelled: 'revoked',
};

const TYPE_TEXT: Record<ReferralType, string> = {
  second_opinion: 'Second opinion',
  specialist_consultation: 'Specialist consultation',
  palliative_care: 'Palliative care referral',
  case_review: 'Case review (multidisciplinary tumour board)',
};

const ref = (id: string) => ({ reference: `urn:uuid:${id}` });

/**
 * A referral with its records packet as a FHIR R4 Bundle (type `collection`): ServiceRequest, Patient,
 * Condition (ICD-O-3 morphology as code, topography as bodySite), the two sites as Organization,
 * one DocumentReference per packet item, and the Consent. Without active consent the packet is left out.
 * Only the sending side (the patient's care team) may export.
 */
export async function exportFhirBundle(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer, access } = await viewerOf(deps, actor, referralId);
  if (viewer !== 'sender') throw new AppError('forbidden');
  const bundle = await buildBundle(deps, row);
  await auditPhi(deps, actor, { action: 'referral.export.fhir', patientId: row.patientId, targetType: 'referral', targetId: row.id, access, details: { entries: bundle.entry.length } });
  return bundle;
}

export async function buildBundle(deps: Deps, row: repo.ReferralRow) {
  const base = deps.config.publicUrl;
  const patient = await getUser(deps, row.patientId);
  const record = await getPatientRecord(deps, row.patientId);
  const consent = await repo.latestConsent(deps.db, row.id);
  const consentActive = Boolean(consent && !consent.revokedAt);
  const items = consentActive ? await repo.packetItems(deps.db, row.id) : [];
  const toSite = row.toSiteId ? await getSite(deps, row.orgId, row.toSiteId) : null;
  const fromSite = row.fromSiteId ? await getSite(deps, row.orgId, row.fromSiteId) : null;
  const conditionId = crypto.randomUUID();

  const entries: Array<{ fullUrl: string; resource: Record<string, unknown> }> = [];
  const add = (id: string, resource: Record<string, unknown>) => entries.push({ fullUrl: `urn:uuid:${id}`, resource: { id, ...resource } });

  add(row.patientId, {
    resourceType: 'Patient',
    identifier: [{ system: `${base}/fhir/patient-id`, value: row.patientId }],
    name: [{ text: patient?.name ?? '' }],
    ...(record?.dateOfBirth ? { birthDate: record.dateOfBirth } : {}),
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: patient?.locale ?? 'en' }] }, preferred: true }],
  });
  for (const site of [toSite, fromSite]) {
    if (site) add(site.id, { resourceType: 'Organization', name: site.name, address: [{ city: site.city }], ...(site.contact.email ? { telecom: [{ system: 'email', value: site.contact.email }] } : {}) });
  }
  const hasDiagnosis = Boolean(row.icdoTopography && row.icdoMorphology);
  if (hasDiagnosis) {
    const m = MORPHOLOGY_BY_CODE.get(row.icdoMorphology!);
    const t = TOPOGRAPHY_BY_CODE.get(row.icdoTopography!);
    add(conditionId, {
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] }],
      code: { coding: [{ system: ICDO3_SYSTEM, code: row.icdoMorphology, ...(m ? { display: m.term } : {}) }] },
      bodySite: [{ coding: [{ system: ICDO3_SYSTEM, code: row.icdoTopography, ...(t ? { display: t.term } : {}) }] }],
      subject: ref(row.patientId),
    });
  }
  const docIds: string[] = [];
  for (const item of items) {
    docIds.push(item.id);
    const type = DOC_TYPE[item.kind];
    add(item.id, {
      resourceType: 'DocumentReference',
      status: 'current',
      type: { ...(type ? { coding: [{ system: LOINC, ...type }] } : {}), text: item.kind.replace('_', ' ') },
      subject: ref(row.patientId),
      date: item.addedAt.toISOString(),
      description: item.title,
      content: [
        {
          attachment:
            item.source === 'navigator'
              ? { contentType: 'text/plain; charset=utf-8', language: patient?.locale ?? 'en', data: Buffer.from(item.body ?? '', 'utf8').toString('base64'), title: item.title, ...(item.documentDate ? { creation: item.documentDate } : {}) }
              : { contentType: 'application/octet-stream', url: `${base}/api/referrals/${row.id}/packet/${item.id}/file`, title: item.title },
        },
      ],
    });
  }
  if (consent) {
    add(consent.id, {
      resourceType: 'Consent',
      status: consentActive ? 'active' : 'inactive',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
      patient: ref(row.patientId),
      dateTime: consent.grantedAt.toISOString(),
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: {
        type: 'permit',
        ...(consent.revokedAt ? { period: { start: consent.grantedAt.toISOString(), end: consent.revokedAt.toISOString() } } : { period: { start: consent.grantedAt.toISOString() } }),
        ...(toSite ? { actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, reference: ref(toSite.id) }] } : {}),
        data: [{ meaning: 'related', reference: ref(row.id) }],
      },
    });
  }
  add(row.id, {
    resourceType: 'ServiceRequest',
    status: SR_STATUS[row.state],
    intent: 'order',
    category: [{ coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: `${base}/fhir/CodeSystem/referral-type`, code: row.type, display: TYPE_TEXT[row.type] }], text: TYPE_TEXT[row.type] },
    subject: ref(row.patientId),
    authoredOn: (row.sentAt ?? row.createdAt).toISOString(),
    ...(row.scheduledFor ? { occurrenceDateTime: row.scheduledFor.toISOString() } : {}),
    ...(fromSite ? { requester: ref(fromSite.id) } : {}),
    ...(toSite ? { performer: [ref(toSite.id)] } : {}),
    ...(hasDiagnosis ? { reasonReference: [ref(conditionId)] } : {}),
    ...(docIds.length ? { supportingInfo: docIds.map(ref) } : {}),
    ...(row.question ? { note: [{ text: row.question }] } : {}),
  });
  return {
    resourceType: 'Bundle' as const,
    id: crypto.randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'collection' as const,
    timestamp: new Date().toISOString(),
    entry: entries,
  };
}
