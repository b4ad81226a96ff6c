import { randomUUID } from 'node:crypto';
import { libraryCardBody } from '../contracts/library-card.ts';
import type { CreateEntryRequest, LibraryEntryView } from '../contracts/library.ts';
import { sendMessage } from '../messaging/service.ts';
import type { Locale } from '../contracts/common.ts';
import * as people from '../people/service.ts';
import { listForPatient as referralsOfPatient } from '../referrals/service.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import * as repo from './repo.ts';

/**
 * The organization's trusted-information library (docs/decisions/0712-trusted-information-library.md):
 * curated entries, each for a EURACAN domain (or for everyone) in one language, with the date it was
 * last reviewed and by whom. Entries matching the patient's diagnosis group and language come first.
 */

/** The diagnosis groups of a patient, from their referrals (coded ICD-O-3, routed to a EURACAN domain). */
async function diagnosisDomains(deps: Deps, actor: Actor, patientId: string): Promise<Set<string>> {
  // A caregiver without the records scope sees the library unsorted rather than learning the diagnosis.
  if (!(await people.patientAccess(deps, actor, patientId, 'records'))) return new Set();
  const referrals = await referralsOfPatient(deps, actor, patientId);
  return new Set(referrals.map((r) => r.domain).filter((d): d is NonNullable<typeof d> => d !== null));
}

function view(row: repo.LibraryRow, matches: boolean): LibraryEntryView {
  const { orgId: _org, createdAt: _created, ...rest } = row;
  return { ...rest, matches };
}

export async function list(deps: Deps, actor: Actor, q: { patientId?: string | undefined; language?: Locale | undefined }): Promise<LibraryEntryView[]> {
  const patientId = actor.role === 'patient' ? actor.userId : q.patientId;
  if (patientId) await people.assertPatientAccess(deps, actor, patientId, 'profile');
  const domains = patientId ? await diagnosisDomains(deps, actor, patientId) : new Set<string>();
  const language = q.language ?? (await people.getUser(deps, patientId ?? actor.userId))?.locale ?? 'en';
  const rows = await repo.entriesOf(deps.db, actor.orgId);
  const rank = (r: repo.LibraryRow) => {
    const inLanguage = r.language === language;
    const forDiagnosis = r.domain !== null && domains.has(r.domain);
    return (forDiagnosis && inLanguage ? 0 : inLanguage && r.domain === null ? 1 : inLanguage ? 2 : forDiagnosis ? 3 : 4);
  };
  return rows
    .map((r) => ({ r, rank: rank(r) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ r, rank: n }) => view(r, n === 0));
}

export async function get(deps: Deps, actor: Actor, id: string): Promise<LibraryEntryView> {
  const row = await repo.findEntry(deps.db, actor.orgId, id);
  if (!row) throw new AppError('not_found');
  return view(row, false);
}

/** A navigator shares an entry into a chat thread as a card (see libraryCardBody). */
export async function share(deps: Deps, actor: Actor, id: string, threadId: string) {
  const entry = await get(deps, actor, id);
  return sendMessage(deps, actor, { threadId, clientId: randomUUID(), body: libraryCardBody(entry) });
}

const today = () => new Date().toISOString().slice(0, 10);

/** A navigator curates the organization's library: a new entry is reviewed by its author today. */
export async function create(deps: Deps, actor: Actor, input: CreateEntryRequest): Promise<LibraryEntryView> {
  const me = await people.getUser(deps, actor.userId);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await repo.insertEntries(tx as never, [{ ...input, id, orgId: actor.orgId, family: null, reviewedOn: today(), reviewer: me?.name ?? '' }]);
    await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'library.create', targetType: 'library_entry', targetId: id, outcome: 'success', requestId: actor.requestId }, tx as never);
  });
  return get(deps, actor, id);
}

/** Records that a navigator checked an entry again today (the page still says what it said). */
export async function markReviewed(deps: Deps, actor: Actor, id: string): Promise<LibraryEntryView> {
  const me = await people.getUser(deps, actor.userId);
  const done = await repo.markReviewed(deps.db, actor.orgId, id, { reviewedOn: today(), reviewer: me?.name ?? '' });
  if (done.length === 0) throw new AppError('not_found');
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'library.review', targetType: 'library_entry', targetId: id, outcome: 'success', requestId: actor.requestId });
  return get(deps, actor, id);
}
