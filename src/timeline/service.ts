import { TimelineItem } from '../contracts/timeline.ts';
import { assertPatientAccess, auditPhi } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { TIMELINE_SOURCES, type TimelineSource } from './sources.ts';

export interface CareTimeline {
  /** The next thing to happen (not cancelled, not finished), or null. */
  next: TimelineItem | null;
  /** Later items after `next`, soonest first. */
  upcoming: TimelineItem[];
  /** What has happened, most recent first. */
  past: TimelineItem[];
  /** Sources that failed for a reason other than this viewer's access (shown as a notice). */
  unavailable: string[];
}

const INACTIVE = new Set(['cancelled']);

/** Merges every source's items into one chronological view, next step first. */
export async function careTimeline(deps: Deps, actor: Actor, patientId: string, now = new Date(), sources: Record<string, TimelineSource> = TIMELINE_SOURCES): Promise<CareTimeline> {
  const access = await assertPatientAccess(deps, actor, patientId, 'profile');
  const unavailable: string[] = [];
  const lists = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => {
      try {
        return (await source(deps, actor, patientId)).map((i) => TimelineItem.parse(i));
      } catch (err) {
        // Not this viewer's to see (e.g. a caregiver without the check-ins scope): leave it out quietly.
        if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden')) return [];
        deps.logger.error({ source: name, err: err instanceof Error ? err.name : 'error' }, 'timeline source failed');
        unavailable.push(name);
        return [];
      }
    }),
  );
  const items = lists.flat();
  const t = now.getTime();
  const ends = (i: TimelineItem) => Date.parse(i.endsAt ?? i.at);
  const future = items.filter((i) => ends(i) >= t && !INACTIVE.has(i.status ?? '')).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const past = items.filter((i) => !future.includes(i)).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  await auditPhi(deps, actor, { action: 'timeline.read', patientId, targetType: 'timeline', access, details: { items: items.length } });
  return { next: future[0] ?? null, upcoming: future.slice(1), past, unavailable };
}
