import { z } from 'zod';
import { Id } from './common.ts';

/**
 * One entry on a patient's care timeline. Each domain contributes its own entries through a
 * `timelineItems(deps, actor, patientId)` function in its service.ts; the appointments domain merges them.
 * `titleKey` is an i18n key (`<namespace>:<key>`) the web app translates with `params`.
 */
export const TimelineItem = z.object({
  id: z.string(),
  kind: z.enum(['appointment', 'treatment', 'checkin', 'alert', 'referral', 'case_review']),
  at: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  titleKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  status: z.string().optional(),
  siteId: Id.nullable().optional(),
  link: z.string().optional(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;
