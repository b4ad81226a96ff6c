import { z } from 'zod';
import type { AckFn } from './common.ts';
import { Id } from './common.ts';
import type { CrisisView } from './rules.ts';

export const ALERT_SEVERITIES = ['urgent', 'high', 'moderate'] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
/** Most severe first; used for sorting and comparisons. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { urgent: 3, high: 2, moderate: 1 };

export const AlertSource = z.enum(['checkin', 'message', 'missed_checkin', 'referral']);
export type AlertSource = z.infer<typeof AlertSource>;

/** `suppressed`: raised while the navigator had snoozed that symptom for the patient; never shown, counted apart. */
export const AlertStatus = z.enum(['open', 'acknowledged', 'resolved', 'suppressed']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/**
 * A reason is an i18n key with parameters, never free text. `key` is `<namespace>:<path>` or a path in the
 * `checkins` namespace (e.g. `reason.itemSevere`); params `item` + `instrument` are rendered as the item's label.
 */
export const AlertReason = z.object({
  key: z.string().regex(/^([a-z]+:)?[a-zA-Z0-9_.]+$/).max(120),
  params: z.record(z.string(), z.union([z.string().max(120), z.number()])).optional(),
});
export type AlertReason = z.infer<typeof AlertReason>;
export type RenderedReason = AlertReason & { text: string };

export const RaiseAlertInput = z.object({
  patientId: Id,
  severity: AlertSeverity,
  source: AlertSource,
  sourceId: z.string().min(1).max(120),
  ruleId: z.string().min(1).max(120),
  reasons: z.array(AlertReason).min(1).max(50),
});
export type RaiseAlertInput = z.infer<typeof RaiseAlertInput>;

/** Documented actions that close the loop on an alert (CLINICAL.md). */
export const RESOLUTION_ACTIONS = ['called_patient', 'adjusted_meds_via_oncologist', 'palliative_referral', 'er_advised', 'no_action_needed', 'other'] as const;
export const ResolutionAction = z.enum(RESOLUTION_ACTIONS);
export type ResolutionAction = z.infer<typeof ResolutionAction>;

export const AlertView = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  severity: AlertSeverity,
  source: AlertSource,
  sourceId: z.string(),
  ruleId: z.string(),
  reasons: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), text: z.string() })),
  status: AlertStatus,
  assignedTo: Id.nullable(),
  escalationLevel: z.number(),
  overdue: z.boolean(),
  dueAt: z.string(),
  createdAt: z.string(),
  acknowledgedBy: Id.nullable(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionAction: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const ListAlertsQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'suppressed', 'active', 'all']).default('active'),
  severity: AlertSeverity.optional(),
  patientId: Id.optional(),
  assigned: z.enum(['me', 'any']).default('any'),
}).strict();

export const ResolveAlertRequest = z.object({
  action: ResolutionAction,
  note: z.string().trim().max(2000).optional(),
}).strict().refine((v) => (v.action === 'no_action_needed' || v.action === 'other' ? Boolean(v.note && v.note.length >= 3) : true), {
  message: 'a note is required for this action',
  path: ['note'],
});

export const SnoozeAlertRequest = z.object({
  days: z.number().int().min(1).max(30),
  reason: z.string().trim().min(3).max(500),
}).strict();

/** Bulk acknowledgement is for moderate alerts only: urgent and high are looked at one by one. */
export const AcknowledgeModerateRequest = z.object({ ids: z.array(Id).min(1).max(500) }).strict();
export interface AcknowledgeModerateAnswer {
  acknowledged: AlertView[];
  /** Alerts left as they were, each with the stable code of why (forbidden: not moderate; not_found; conflict: resolved). */
  refused: Array<{ id: string; code: string }>;
}

export const ReassignAlertRequest = z.object({ userId: Id }).strict();

export const OnCallShift = z.object({
  userId: Id,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
}).strict().refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: 'must end after it starts', path: ['endsAt'] });


export interface AlertServerEvents {
  /** A new alert on the navigator's caseload (or routed to them as on-call / clinical lead). */
  'alert:new': (payload: AlertView) => void;
  /** An alert changed: acknowledged, resolved, snoozed, reassigned, escalated, overdue. */
  'alert:updated': (payload: AlertView) => void;
  /** To a patient: an urgent answer was recorded; show crisis resources now. */
  'crisis:show': (payload: CrisisView) => void;
}

export interface AlertClientEvents {
  'alert:acknowledge': (payload: { id: string }, ack: AckFn<AlertView>) => void;
}
