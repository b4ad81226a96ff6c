import { z } from 'zod';
import { Id, Locale, Role, TimeZone } from './common.ts';

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
}).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: Id,
  role: Role,
  name: z.string(),
  locale: Locale,
  timezone: z.string(),
});
export type Me = z.infer<typeof Me>;

export const UpdateMeRequest = z.object({
  locale: Locale.optional(),
  timezone: TimeZone.optional(),
}).strict();

export const PASSWORD_MIN = 12;

export const CreateInvitationRequest = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: Role,
  locale: Locale.default('en'),
  /** For caregivers: the patient they will help (the patient must then grant access). */
  patientId: Id.optional(),
  /** For patients: their navigator. */
  navigatorId: Id.optional(),
}).strict();

export const AcceptInvitationRequest = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(PASSWORD_MIN).max(200),
}).strict();
