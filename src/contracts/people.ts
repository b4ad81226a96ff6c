import { z } from 'zod';
import { Id, Role } from './common.ts';

/** What a caregiver may do for a patient; the patient chooses and can revoke at any time. */
/** `referral_consent`: answer a referral's consent request for the patient (docs/decisions/0505). */
export const CAREGIVER_SCOPES = ['messages', 'checkins', 'appointments', 'records', 'referral_consent'] as const;
export const CaregiverScope = z.enum(CAREGIVER_SCOPES);
export type CaregiverScope = z.infer<typeof CaregiverScope>;

/** What an access check is for: a caregiver needs the matching scope; care-team members may do all. */
export type AccessScope = CaregiverScope | 'profile';

export const PatientSummary = z.object({ id: Id, name: z.string(), siteName: z.string().nullable() });
export type PatientSummary = z.infer<typeof PatientSummary>;

/** The patient names the caregiver by id (changing a grant) or by the e-mail of their caregiver account. */
export const GrantCaregiverRequest = z.union([
  z.object({ caregiverId: Id, scopes: z.array(CaregiverScope).min(1).max(CAREGIVER_SCOPES.length) }).strict(),
  z.object({ email: z.email().max(254), scopes: z.array(CaregiverScope).min(1).max(CAREGIVER_SCOPES.length) }).strict(),
]);

export const CareTeamMember = z.object({ userId: Id, name: z.string(), role: z.enum(['navigator', 'specialist', 'interpreter']) });

export const AddCareTeamMemberRequest = z.object({
  userId: Id,
  role: z.enum(['specialist', 'interpreter', 'navigator']),
}).strict();

export const ReassignNavigatorRequest = z.object({ navigatorId: Id }).strict();

export const BreakGlassRequest = z.object({
  reason: z.string().trim().min(10).max(500),
  minutes: z.number().int().min(5).max(240).default(60),
}).strict();

export const UserSummary = z.object({ id: Id, name: z.string(), role: Role, email: z.string(), disabled: z.boolean() });
export type UserSummary = z.infer<typeof UserSummary>;

/** Server-to-client events about access to a patient. */
export interface AccessServerEvents {
  /** This user no longer has access to the patient: screens showing the patient should close. */
  'access:revoked': (payload: { patientId: string }) => void;
}
