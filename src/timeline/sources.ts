import type { TimelineItem } from '../contracts/timeline.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { timelineItems as appointmentItems } from '../appointments/service.ts';
import { timelineItems as referralItems } from '../referrals/service.ts';

/**
 * Every domain that puts entries on the care timeline, by name. A domain adds ONE line here for the
 * `timelineItems(deps, actor, patientId)` exported from its service.ts, e.g.
 *
 *   import { timelineItems as checkinItems } from '../checkins/service.ts';
 *   ...
 *   checkins: checkinItems,
 *
 * Each source checks access itself (with the caregiver scope it needs) and may throw not_found or
 * forbidden: the timeline then leaves that source out for this viewer instead of failing.
 */
export type TimelineSource = (deps: Deps, actor: Actor, patientId: string) => Promise<TimelineItem[]>;

export const TIMELINE_SOURCES: Record<string, TimelineSource> = {
  appointments: appointmentItems,
  referrals: referralItems,
};
