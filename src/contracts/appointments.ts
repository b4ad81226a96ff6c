import { z } from 'zod';
import { Id } from './common.ts';

export const APPOINTMENT_KINDS = ['in_person', 'video', 'phone'] as const;
export const AppointmentKind = z.enum(APPOINTMENT_KINDS);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

export const APPOINTMENT_STATUSES = ['scheduled', 'confirmed', 'change_requested', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const PARTICIPANT_ROLES = ['patient', 'navigator', 'specialist', 'interpreter', 'caregiver', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

const Instant = z.iso.datetime({ offset: true });
const Note = z.string().trim().max(2000);

export const Logistics = z
  .object({
    interpreterNeeded: z.boolean().default(false),
    /** BCP 47 language tag of the interpreter needed, e.g. "ar" or "es-MX". */
    interpreterLanguage: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).optional(),
    travelNotes: Note.optional(),
    lodgingNotes: Note.optional(),
    /** What to bring: records, scans, medication list... */
    bring: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .strict();
export type Logistics = z.infer<typeof Logistics>;

const Times = { startsAt: Instant, endsAt: Instant };
const timesInOrder = (v: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !v.startsAt || !v.endsAt || (Date.parse(v.endsAt) > Date.parse(v.startsAt) && Date.parse(v.endsAt) - Date.parse(v.startsAt) <= 24 * 3600_000);
const ORDER = { message: 'endsAt must be after startsAt, at most 24 hours later', path: ['endsAt'] };

/** POST /api/appointments (navigators). */
export const CreateAppointmentRequest = z
  .object({
    patientId: Id,
    kind: AppointmentKind,
    ...Times,
    siteId: Id.optional(),
    participantIds: z.array(Id).max(20).default([]),
    title: z.string().trim().min(1).max(200).optional(),
    logistics: Logistics.optional(),
  })
  .strict()
  .refine(timesInOrder, ORDER)
  .refine((v) => v.kind !== 'in_person' || v.siteId, { message: 'an in-person appointment needs a site', path: ['siteId'] });
export type CreateAppointmentRequest = z.infer<typeof CreateAppointmentRequest>;

/** PATCH by a navigator: reschedule or edit. Omitted fields stay as they are. */
export const RescheduleRequest = z
  .object({
    kind: AppointmentKind.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    siteId: Id.nullable().optional(),
    participantIds: z.array(Id).max(20).optional(),
    title: z.string().trim().min(1).max(200).nullable().optional(),
    logistics: Logistics.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })
  .refine(timesInOrder, ORDER);
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;

/** PATCH by the patient (or a caregiver with the appointments scope). */
export const PatientResponseRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm') }).strict(),
  z.object({ action: z.literal('request_change'), reason: z.string().trim().min(3).max(1000) }).strict(),
]);
export type PatientResponseRequest = z.infer<typeof PatientResponseRequest>;

export const UpdateAppointmentRequest = z.union([PatientResponseRequest, RescheduleRequest]);

export const ListAppointmentsQuery = z.object({ patientId: Id, includeCancelled: z.enum(['true', 'false']).optional() }).strict();

export const ConflictKind = z.enum(['overlap', 'travel']);
export const Conflict = z.object({
  kind: ConflictKind,
  appointmentId: Id,
  withAppointmentId: Id,
  /** travel: minutes the navigator recorded between the two sites, and the minutes available. */
  travelMinutes: z.number().int().optional(),
  gapMinutes: z.number().int().optional(),
});
export type Conflict = z.infer<typeof Conflict>;

export interface Participant {
  userId: string;
  name: string;
  role: ParticipantRole;
}

export interface AppointmentView {
  id: string;
  patientId: string;
  kind: AppointmentKind;
  title: string | null;
  startsAt: string;
  endsAt: string;
  /** IANA zone the appointment is shown in: its site's, else the patient's. */
  timezone: string;
  siteId: string | null;
  siteName: string | null;
  status: AppointmentStatus;
  version: number;
  changeReason: string | null;
  participants: Participant[];
  logistics: Logistics;
  conflicts: Conflict[];
}

export const ReminderSettingsRequest = z
  .object({
    /** Minutes before the start; at most 8, each between 5 minutes and 14 days. */
    offsetsMinutes: z.array(z.number().int().min(5).max(14 * 1440)).min(1).max(8),
    quietStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    quietEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  })
  .strict();
export type ReminderSettings = z.infer<typeof ReminderSettingsRequest>;

export const ReminderPreferencesRequest = z
  .object({
    email: z.boolean(),
    inapp: z.boolean(),
    sms: z.boolean(),
    /** E.164. */
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/).nullable(),
  })
  .strict()
  .refine((v) => !v.sms || v.phone, { message: 'SMS needs a phone number', path: ['phone'] });

export const TREATMENT_KINDS = ['surgery', 'chemotherapy', 'radiotherapy', 'other'] as const;
export const TreatmentItemRequest = z
  .object({
    patientId: Id,
    kind: z.enum(TREATMENT_KINDS),
    label: z.string().trim().min(1).max(200).optional(),
    startsAt: Instant,
    endsAt: Instant.optional(),
    cycle: z.number().int().min(1).max(100).optional(),
    cyclesTotal: z.number().int().min(1).max(100).optional(),
    siteId: Id.optional(),
  })
  .strict()
  .refine(timesInOrder, ORDER)
  .refine((v) => !v.cycle || !v.cyclesTotal || v.cycle <= v.cyclesTotal, { message: 'cycle is after the last cycle', path: ['cycle'] });

export const TreatmentStatusRequest = z.object({ status: z.enum(['planned', 'done', 'cancelled']) }).strict();

export const TravelTimeRequest = z
  .object({ fromSiteId: Id, toSiteId: Id, minutes: z.number().int().min(0).max(24 * 60) })
  .strict()
  .refine((v) => v.fromSiteId !== v.toSiteId, { message: 'two different sites', path: ['toSiteId'] });
