import { appointmentsOfParticipant } from '../appointments/service.ts';
import type { SpecialistHomeView } from '../contracts/home.ts';
import { getSite, siteIdsOfMember } from '../directory/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { incoming, upcomingCaseReviews } from '../referrals/service.ts';

const AHEAD_DAYS = 14;

/**
 * The specialist's day: consultations to join (from now to two weeks ahead), the referrals their sites
 * must answer (soonest deadline first) and the case reviews they take part in. Each part is read
 * through its own domain's access check and audit.
 */
export async function specialistHome(deps: Deps, actor: Actor, now = Date.now()): Promise<SpecialistHomeView> {
  const [consultations, referrals, caseReviews] = await Promise.all([
    appointmentsOfParticipant(deps, actor, new Date(now), new Date(now + AHEAD_DAYS * 86_400_000)),
    incoming(deps, actor),
    upcomingCaseReviews(deps, actor, now),
  ]);
  const sites = [];
  for (const id of await siteIdsOfMember(deps, actor.userId)) {
    const site = await getSite(deps, actor.orgId, id);
    if (site) sites.push({ id: site.id, name: site.name });
  }
  return { consultations, incoming: referrals, caseReviews, sites };
}
