import type { DirectorySite, EuracanDomain, SiteProfileUpdate } from '../contracts/referrals.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { getUser } from '../people/service.ts';
import * as repo from './repo.ts';

export type { DirectorySite };

async function build(deps: Deps, orgId: string, ids?: string[]): Promise<DirectorySite[]> {
  const rows = await repo.sitesWithProfile(deps.db, orgId, ids);
  const members = await repo.membersOf(deps.db, rows.map((r) => r.site.id));
  return rows.map(({ site, profile }) => ({
    id: site.id,
    name: site.name,
    kind: site.kind,
    city: site.city,
    timezone: site.timezone,
    domains: (profile?.domains ?? []) as EuracanDomain[],
    telemedicine: profile?.telemedicine ?? false,
    languages: profile?.languages ?? [],
    contact: { name: profile?.contactName ?? null, email: profile?.contactEmail ?? null, phone: profile?.contactPhone ?? null },
    members: members.filter((m) => m.siteId === site.id && !m.disabledAt).map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
  }));
}

/** The organization's network: partner hospitals and reference centres with what they offer. */
export async function listSites(deps: Deps, actor: Actor, filter: { domain?: EuracanDomain | undefined; telemedicine?: boolean | undefined; language?: string | undefined } = {}) {
  const all = await build(deps, actor.orgId);
  return all.filter(
    (s) =>
      (!filter.domain || s.domains.includes(filter.domain)) &&
      (filter.telemedicine === undefined || s.telemedicine === filter.telemedicine) &&
      (!filter.language || s.languages.includes(filter.language)),
  );
}

export async function getSite(deps: Pick<Deps, 'db'> & Deps, orgId: string, siteId: string): Promise<DirectorySite | null> {
  return (await build(deps, orgId, [siteId]))[0] ?? null;
}

/**
 * Reference centres for a EURACAN domain, best first: reference centres before partner hospitals,
 * telemedicine before travel, then those speaking the patient's language.
 */
export async function suggestCentres(deps: Deps, actor: Actor, domain: EuracanDomain, language?: string) {
  const sites = await listSites(deps, actor, { domain });
  const score = (s: DirectorySite) => (s.kind === 'reference_centre' ? 4 : 0) + (s.telemedicine ? 2 : 0) + (language && s.languages.includes(language) ? 1 : 0);
  return sites.sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name));
}

export async function updateSiteProfile(deps: Deps, actor: Actor, siteId: string, p: SiteProfileUpdate) {
  if (!(await getSite(deps, actor.orgId, siteId))) throw new AppError('not_found');
  await deps.db.transaction(async (tx) => {
    await repo.upsertProfile(tx, siteId, {
      domains: [...new Set(p.domains)],
      telemedicine: p.telemedicine,
      languages: [...new Set(p.languages)],
      contactName: p.contactName,
      contactEmail: p.contactEmail,
      contactPhone: p.contactPhone,
    });
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'directory.site.update', targetType: 'site', targetId: siteId, outcome: 'success', requestId: actor.requestId }, tx);
  });
  return getSite(deps, actor.orgId, siteId);
}

export async function addSiteMember(deps: Deps, actor: Actor, siteId: string, userId: string, role: 'specialist' | 'coordinator') {
  const user = await getUser(deps, userId);
  if (!(await getSite(deps, actor.orgId, siteId))) throw new AppError('not_found');
  if (!user || user.orgId !== actor.orgId || !['specialist', 'navigator'].includes(user.role)) throw new AppError('invalid', 'Only specialists and navigators can act for a site.');
  await deps.db.transaction(async (tx) => {
    await repo.addMember(tx, siteId, userId, role);
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'directory.member.add', targetType: 'site', targetId: siteId, outcome: 'success', requestId: actor.requestId, details: { userId, role } }, tx);
  });
}

export async function removeSiteMember(deps: Deps, actor: Actor, siteId: string, userId: string) {
  if (!(await getSite(deps, actor.orgId, siteId))) throw new AppError('not_found');
  await deps.db.transaction(async (tx) => {
    if ((await repo.removeMember(tx, siteId, userId)).length === 0) throw new AppError('not_found');
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'directory.member.remove', targetType: 'site', targetId: siteId, outcome: 'success', requestId: actor.requestId, details: { userId } }, tx);
  });
}

/** The sites a user acts for (receives referrals for). */
export const siteIdsOfMember = (deps: Pick<Deps, 'db'>, userId: string) => repo.siteIdsOfMember(deps.db as Deps['db'], userId);

export async function memberIdsOf(deps: Pick<Deps, 'db'>, siteId: string): Promise<string[]> {
  return (await repo.membersOf(deps.db as Deps['db'], [siteId])).filter((m) => !m.disabledAt).map((m) => m.userId);
}
