import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listRecords } from '../records/service.ts';
import { viewerOf } from './service.ts';

/**
 * The patient's documents for the referring navigator to put in a draft's packet, and the care-team
 * thread a new file is uploaded into. "My records" stays the patient's own screen; this is the
 * referral's view of the same files, under the same records access and audit.
 */
export async function documentsForPacket(deps: Deps, actor: Actor, referralId: string) {
  const { row, viewer } = await viewerOf(deps, actor, referralId);
  if (viewer !== 'sender') throw new AppError('forbidden');
  return listRecords(deps, actor, row.patientId);
}
