import { z } from 'zod';
import { Id, Locale } from './common.ts';

/** The ten EURACAN domains (CLINICAL.md), in EURACAN's order G1..G10. */
export const EURACAN_DOMAINS = [
  'sarcoma',
  'gynaecological',
  'urological',
  'neuroendocrine',
  'digestive',
  'endocrine',
  'head_neck',
  'thoracic',
  'skin_melanoma',
  'brain_spinal',
] as const;
export const EuracanDomain = z.enum(EURACAN_DOMAINS);
export type EuracanDomain = z.infer<typeof EuracanDomain>;

export const REFERRAL_TYPES = ['second_opinion', 'specialist_consultation', 'palliative_care', 'case_review'] as const;
export const ReferralType = z.enum(REFERRAL_TYPES);
export type ReferralType = z.infer<typeof ReferralType>;

export const REFERRAL_URGENCIES = ['routine', 'urgent'] as const;
export const ReferralUrgency = z.enum(REFERRAL_URGENCIES);
export type ReferralUrgency = z.infer<typeof ReferralUrgency>;

export const REFERRAL_STATES = ['draft', 'sent', 'accepted', 'declined', 'scheduled', 'completed', 'cancelled'] as const;
export const ReferralState = z.enum(REFERRAL_STATES);
export type ReferralState = z.infer<typeof ReferralState>;

export const PACKET_KINDS = ['pathology', 'imaging', 'lab', 'prior_therapy', 'clinical_summary', 'other'] as const;
export const PacketKind = z.enum(PACKET_KINDS);
export type PacketKind = z.infer<typeof PacketKind>;

export const TREATMENT_CODES = [
  'surgery',
  'radiotherapy',
  'systemic_therapy',
  'chemoradiotherapy',
  'active_surveillance',
  'clinical_trial',
  'palliative_care',
  'other',
] as const;
export const TreatmentCode = z.enum(TREATMENT_CODES);
export type TreatmentCode = z.infer<typeof TreatmentCode>;

export const CASE_REVIEW_STATUSES = ['scheduled', 'live', 'completed', 'cancelled'] as const;
export type CaseReviewStatus = (typeof CASE_REVIEW_STATUSES)[number];

/** ICD-O-3 topography, e.g. C49.2. */
export const Topography = z.string().regex(/^C\d{2}\.\d$/, 'ICD-O-3 topography such as C49.2');
/** ICD-O-3 morphology with behaviour code, e.g. 8890/3. */
export const Morphology = z.string().regex(/^\d{4}\/[0-3,6,9]$/, 'ICD-O-3 morphology such as 8890/3');

const Text = (max: number) => z.string().trim().max(max);

export const Trial = z.object({
  /** A trial registry identifier, e.g. NCT01234567 or an EU CT number. */
  registryId: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/),
  title: Text(300).min(1),
}).strict();
export type Trial = z.infer<typeof Trial>;

export const FollowUp = z.object({
  with: z.enum(['local_team', 'reference_centre', 'shared']),
  inWeeks: z.number().int().min(0).max(104),
}).strict();
export type FollowUp = z.infer<typeof FollowUp>;

// ---- directory ----
export const SiteListQuery = z.object({
  domain: EuracanDomain.optional(),
  telemedicine: z.enum(['true', 'false']).optional(),
  language: z.string().regex(/^[a-z]{2}$/).optional(),
}).strict();

export const SiteProfileUpdate = z.object({
  domains: z.array(EuracanDomain).max(10),
  telemedicine: z.boolean(),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).max(20),
  contactName: Text(120).nullable(),
  contactEmail: z.email().max(200).nullable(),
  contactPhone: z.string().trim().regex(/^[+0-9 ()-]{5,30}$/).nullable(),
}).strict();
export type SiteProfileUpdate = z.infer<typeof SiteProfileUpdate>;

/** A site of the network directory as staff read it (GET /api/directory/sites[/:id]). */
export interface DirectorySite {
  id: string;
  name: string;
  kind: 'reference_centre' | 'partner_hospital';
  city: string;
  timezone: string;
  domains: EuracanDomain[];
  telemedicine: boolean;
  languages: string[];
  contact: { name: string | null; email: string | null; phone: string | null };
  members: Array<{ userId: string; name: string; role: 'specialist' | 'coordinator' }>;
}

export const SiteMemberRequest = z.object({ userId: Id, role: z.enum(['specialist', 'coordinator']) }).strict();

// ---- coding ----
/** `locale`: the language of the terms returned and searched besides English (codes are always shown). */
export const CodeSearchQuery = z.object({
  q: z.string().trim().min(1).max(60),
  axis: z.enum(['topography', 'morphology']).optional(),
  locale: Locale.optional(),
}).strict();

export const CodeMapQuery = z.object({ topography: Topography, morphology: Morphology, locale: Locale.optional() }).strict();

// ---- referrals ----
export const CreateReferralRequest = z.object({
  patientId: Id,
  type: ReferralType,
  /** Optional in a draft: the wizard saves from its first step; sending needs it. */
  toSiteId: Id.optional(),
  urgency: ReferralUrgency.default('routine'),
  fromSiteId: Id.nullable().optional(),
  topography: Topography.optional(),
  morphology: Morphology.optional(),
  /** Defaults to the domain the ICD-O-3 codes map to. */
  domain: EuracanDomain.optional(),
  question: Text(4000).default(''),
}).strict();
export type CreateReferralRequest = z.infer<typeof CreateReferralRequest>;

export const UpdateReferralRequest = z.object({
  toSiteId: Id.optional(),
  urgency: ReferralUrgency.optional(),
  topography: Topography.nullable().optional(),
  morphology: Morphology.nullable().optional(),
  domain: EuracanDomain.nullable().optional(),
  question: Text(4000).optional(),
}).strict();

export const SendReferralRequest = z.object({
  /** Send although the checklist is incomplete; the reason is kept with the referral. */
  incompleteReason: Text(500).min(5).optional(),
}).strict();

export const DeclineRequest = z.object({ reason: Text(1000).min(3) }).strict();
export const CancelRequest = z.object({ reason: Text(1000).min(3) }).strict();
/** When, or into which case-review session (its start is the time): one of the two. */
export const ScheduleRequest = z
  .object({ scheduledFor: z.iso.datetime({ offset: true }).optional(), caseReviewId: Id.optional() })
  .strict()
  .refine((v) => Boolean(v.scheduledFor) !== Boolean(v.caseReviewId), { message: 'a time or a case-review session', path: ['scheduledFor'] });

export const BoardQuery = z.object({
  state: ReferralState.optional(),
  sort: z.enum(['deadline', 'updated']).default('deadline'),
}).strict();

export const AddPacketItemRequest = z.discriminatedUnion('source', [
  z.object({ source: z.literal('attachment'), kind: PacketKind, attachmentId: Id, title: Text(200).min(1), documentDate: z.iso.date().optional() }).strict(),
  z.object({ source: z.literal('navigator'), kind: PacketKind, title: Text(200).min(1), body: Text(20_000).min(1), documentDate: z.iso.date().optional() }).strict(),
]);
export type AddPacketItemRequest = z.infer<typeof AddPacketItemRequest>;

export const ConsentRequest = z
  .object({
    method: z.enum(['in_app', 'verbal', 'written']),
    /** Who witnessed consent given in person (name and role); required when the navigator records it. */
    witness: Text(200).min(2).optional(),
  })
  .strict()
  .refine((v) => v.method === 'in_app' || v.witness, { message: 'say who witnessed the consent', path: ['witness'] });

export const DeadlineRuleRequest = z.object({
  workingDays: z.number().int().min(1).max(60),
  reminderDays: z.array(z.number().int().min(1).max(59)).max(5),
  /** A shorter deadline for urgent referrals of the type; null or absent: the same as routine. */
  urgentWorkingDays: z.number().int().min(1).max(60).nullable().optional(),
}).strict();

// ---- case review ----
export const CreateCaseReviewRequest = z.object({
  siteId: Id,
  title: Text(200).min(1),
  domain: EuracanDomain.optional(),
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(15).max(480).default(60),
  participantIds: z.array(Id).max(30).default([]),
}).strict();

export const AgendaItemRequest = z.object({ referralId: Id }).strict();
export const CaseReviewStatusRequest = z.object({ status: z.enum(['live', 'completed', 'cancelled']) }).strict();

export const RecommendationRequest = z.object({
  caseReviewId: Id.optional(),
  diagnosis: z.enum(['confirmed', 'revised']),
  revisedTopography: Topography.optional(),
  revisedMorphology: Morphology.optional(),
  treatment: z.array(TreatmentCode).min(1).max(TREATMENT_CODES.length),
  treatmentDetail: Text(4000).default(''),
  trials: z.array(Trial).max(10).default([]),
  followUp: FollowUp,
  /** Optional words for the patient from the author, shown with the language they were written in. */
  noteForPatient: Text(2000).optional(),
  noteLanguage: Locale.optional(),
}).strict().refine((r) => r.diagnosis === 'confirmed' || (r.revisedTopography && r.revisedMorphology), {
  message: 'a revised diagnosis names its ICD-O-3 topography and morphology',
  path: ['revisedMorphology'],
}).refine((r) => !r.noteForPatient || r.noteLanguage, { message: 'say which language the note is written in', path: ['noteLanguage'] });
export type RecommendationRequest = z.infer<typeof RecommendationRequest>;

/** One referral in a list (board, incoming queue, a patient's referrals). */
export interface ReferralSummary {
  id: string;
  patientId: string;
  patientName: string | null;
  type: ReferralType;
  state: ReferralState;
  domain: EuracanDomain | null;
  topography: string | null;
  morphology: string | null;
  fromSiteId: string | null;
  toSiteId: string | null;
  toSiteName: string;
  urgency: ReferralUrgency;
  sentAt: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  scheduledFor: string | null;
  declineReason: string | null;
  updatedAt: string;
}

/** What the video domain needs to run a case-review session. */
export interface CaseReviewForVideo {
  id: string;
  participantIds: string[];
  hostIds: string[];
  startsAt: string;
  status: CaseReviewStatus;
}

/** Server-to-client events: a referral the user can see changed state. */
export interface ReferralServerEvents {
  'referral:changed': (payload: { referralId: string; state: ReferralState }) => void;
}
