import { z } from 'zod';
import { QUEUES } from '../src/contracts/jobs.ts';
import { ESCALATION_JOB, runEscalationStep } from '../src/alerts/service.ts';
import { defineJob } from './runtime.ts';

export const EscalationJob = z.object({ alertId: z.uuid(), step: z.number().int().min(1).max(10) }).strict();

/** One step of an alert's escalation ladder (CLINICAL.md); exactly once per (alert, step). */
export const escalationsJob = defineJob({
  queue: QUEUES.escalations,
  name: ESCALATION_JOB,
  schema: EscalationJob,
  concurrency: 5,
  handle: (data, _job, deps) => runEscalationStep(deps, data.alertId, data.step),
});
