import { z } from 'zod';
import { Id } from './common.ts';
import { ACP_DOCUMENTS, EVENT_RULE_IDS, PLACES_OF_CARE, SUPPORTIVE_SERVICES, TASK_STATUSES, TASK_TYPES } from './tasks-constants.ts';

export * from './tasks-constants.ts';

export type TaskType = z.infer<typeof TaskType>;
export const TaskType = z.enum(TASK_TYPES);


export type TaskStatus = z.infer<typeof TaskStatus>;
export const TaskStatus = z.enum(TASK_STATUSES);


export type SupportiveService = z.infer<typeof SupportiveService>;
export const SupportiveService = z.enum(SUPPORTIVE_SERVICES);



const Note = z.string().trim().max(2000);
const DueAt = z.iso.datetime({ offset: true });

export const CreateTaskRequest = z
  .object({
    patientId: Id,
    type: TaskType,
    service: SupportiveService.optional(),
    title: z.string().trim().max(200).optional(),
    ownerId: Id.optional(),
    dueAt: DueAt,
    notes: Note.optional(),
  })
  .strict()
  .refine((t) => (t.type === 'supportive_service') === Boolean(t.service), { path: ['service'], message: 'a supportive-service task names its service, and only it' });
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

/** One change at a time: a status (cancelling needs a reason), notes, or a new due date. */
export const UpdateTaskRequest = z
  .object({
    status: TaskStatus.optional(),
    cancelReason: z.string().trim().min(3).max(500).optional(),
    waitingOn: z.string().trim().max(200).optional(),
    notes: Note.optional(),
    dueAt: DueAt.optional(),
  })
  .strict()
  .refine((u) => u.status !== 'cancelled' || Boolean(u.cancelReason), { path: ['cancelReason'], message: 'required when cancelling' })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change' });
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

export const AssignTaskRequest = z.object({ ownerId: Id, note: z.string().trim().max(500).optional() }).strict();

export const ListTasksQuery = z
  .object({
    scope: z.enum(['mine', 'caseload']).default('caseload'),
    status: z.enum([...TASK_STATUSES, 'active']).default('active'),
    type: TaskType.optional(),
  })
  .strict();


// ---- Event rules (data with sources, editable by the clinical lead) ----

export type EventRuleId = z.infer<typeof EventRuleId>;
export const EventRuleId = z.enum(EVENT_RULE_IDS);


/** How long a task created by a rule has: calendar days, or time counted in the organization's working hours. */
export const DueSpec = z.object({ amount: z.number().int().min(0).max(365), unit: z.enum(['seconds', 'minutes', 'days', 'working_hours', 'working_days']) }).strict();
export type DueSpec = z.infer<typeof DueSpec>;

export const RuleParams = z
  .object({
    /** DT rule: the score from which problem categories are routed, and where each category goes. */
    minScore: z.number().int().min(0).max(10).optional(),
    routes: z.record(z.enum(['physical', 'practical', 'family_social', 'emotional', 'spiritual']), SupportiveService).optional(),
    /** Travel rule: travel time from the patient's site above which travel and lodging are arranged. */
    thresholdMinutes: z.number().int().min(0).max(24 * 60).optional(),
    /** Goals-of-care rule: the periodic review interval. */
    intervalMonths: z.number().int().min(1).max(24).optional(),
  })
  .strict();
export type RuleParams = z.infer<typeof RuleParams>;

export const UpdateEventRuleRequest = z.object({ enabled: z.boolean(), due: DueSpec, params: RuleParams.default({}), note: z.string().trim().max(300).optional() }).strict();

// ---- Supportive services directory ----

export const ServiceEntryRequest = z
  .object({
    siteId: Id,
    service: SupportiveService,
    name: z.string().trim().min(2).max(200),
    contact: z.string().trim().min(3).max(300),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1).max(20),
    howToRefer: z.string().trim().min(3).max(1000),
    hours: z.string().trim().min(2).max(300),
  })
  .strict();
export type ServiceEntryRequest = z.infer<typeof ServiceEntryRequest>;

// ---- Goals of care and disease progression ----


export const GoalsOfCareRequest = z
  .object({
    whatMatters: z.string().trim().min(1).max(4000),
    worries: z.string().trim().max(4000).default(''),
    preferredPlace: z.enum(PLACES_OF_CARE),
    decisionMaker: z.string().trim().max(300).default(''),
    documents: z.array(z.enum(ACP_DOCUMENTS)).max(ACP_DOCUMENTS.length).default([]),
    /** The language the conversation was held in (the record is shown to the patient in it). */
    language: z.enum(['en', 'es', 'ar']),
    withPatient: z.literal(true),
  })
  .strict();
export type GoalsOfCareRequest = z.infer<typeof GoalsOfCareRequest>;

export const ProgressionRequest = z.object({ occurredOn: z.iso.date(), note: z.string().trim().max(1000).default('') }).strict();
