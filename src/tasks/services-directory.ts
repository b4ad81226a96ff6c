import { randomUUID } from 'node:crypto';
import type { ServiceEntryRequest, SupportiveService } from '../contracts/tasks.ts';
import { listSites } from '../directory/service.ts';
import { assertPatientAccess, getPatientRecord } from '../people/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import * as repo from './repo.ts';

type ServiceRow = Awaited<ReturnType<typeof repo.servicesAt>>[number];

const view = (r: ServiceRow, siteNames: Map<string, string>) => ({
  id: r.id,
  siteId: r.siteId,
  siteName: siteNames.get(r.siteId) ?? '',
  service: r.service,
  name: r.name,
  contact: r.contact,
  languages: r.languages,
  howToRefer: r.howToRefer,
  hours: r.hours,
  updatedAt: r.updatedAt.toISOString(),
});

async function siteNames(deps: Deps, actor: Actor) {
  return new Map((await listSites(deps, actor)).map((s) => [s.id, s.name]));
}

/** The directory of supportive services per site (issue 17 item 3): not patient data, readable by staff. */
export async function listServices(deps: Deps, actor: Actor, filter: { siteId?: string | undefined; service?: SupportiveService | undefined }) {
  const rows = await repo.servicesAt(deps.db, actor.orgId, filter.siteId ? [filter.siteId] : undefined, filter.service);
  const names = await siteNames(deps, actor);
  return rows.map((r) => view(r, names));
}

async function assertSite(deps: Deps, actor: Actor, siteId: string) {
  if (!(await siteNames(deps, actor)).has(siteId)) throw new AppError('invalid', 'Unknown site.', [{ path: 'siteId', message: 'unknown' }]);
}

export async function addService(deps: Deps, actor: Actor, input: ServiceEntryRequest) {
  await assertSite(deps, actor, input.siteId);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertService(tx, { id, orgId: actor.orgId, ...input, updatedBy: actor.userId });
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'supportive_service.add', targetType: 'supportive_service', targetId: id, outcome: 'success', requestId: actor.requestId, details: { service: input.service } }, tx);
  });
  return id;
}

async function ownService(deps: Deps, actor: Actor, id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findService(deps.db, id) : undefined;
  if (!row || row.orgId !== actor.orgId) throw new AppError('not_found');
  return row;
}

export async function updateService(deps: Deps, actor: Actor, id: string, input: ServiceEntryRequest) {
  await ownService(deps, actor, id);
  await assertSite(deps, actor, input.siteId);
  await deps.db.transaction(async (tx) => {
    await repo.updateService(tx, id, { ...input, updatedBy: actor.userId });
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'supportive_service.update', targetType: 'supportive_service', targetId: id, outcome: 'success', requestId: actor.requestId }, tx);
  });
}

export async function removeService(deps: Deps, actor: Actor, id: string) {
  await ownService(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    await repo.updateService(tx, id, { removedAt: new Date(), updatedBy: actor.userId });
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'supportive_service.remove', targetType: 'supportive_service', targetId: id, outcome: 'success', requestId: actor.requestId }, tx);
  });
}

/** What a supportive-service task offers: that service at the patient's own site and at the reference centres. */
export async function servicesForPatient(deps: Deps, actor: Actor, patientId: string, service: SupportiveService) {
  await assertPatientAccess(deps, actor, patientId, 'profile');
  const home = (await getPatientRecord(deps, patientId))?.siteId ?? null;
  const sites = await listSites(deps, actor);
  const ids = sites.filter((s) => s.id === home || s.kind === 'reference_centre').map((s) => s.id);
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const rows = await repo.servicesAt(deps.db, actor.orgId, ids, service);
  // The patient's own site first: the nearest help is the easiest to use.
  return rows.sort((a, b) => Number(b.siteId === home) - Number(a.siteId === home)).map((r) => view(r, names));
}
