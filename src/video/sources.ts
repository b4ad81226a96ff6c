import { getAppointmentForVideo } from '../appointments/service.ts';
import { getCaseReviewForVideo } from '../referrals/service.ts';
import type { RoomKind } from '../contracts/video.ts';
import type { Deps } from '../platform/context.ts';

/**
 * What a video room belongs to. The appointments domain answers for `appointment` rooms, the
 * referrals domain for `case_review` rooms; both hand back this shape and nothing about access:
 * the video service checks membership itself (SECURITY.md S18).
 */
export interface RoomSubject {
  id: string;
  kind: string;
  /** The patient the room is about, for audit rows (a case review may discuss several). */
  patientId: string | null;
  /** Everyone allowed in the call (the patient included). */
  participantIds: string[];
  /** Participants who may admit, remove and end (navigators, specialists). */
  hostIds: string[];
  startsAt: string;
  /** Absent for kinds without a fixed end (case reviews): the room then lasts DEFAULT_ROOM_MINUTES. */
  endsAt?: string | null;
  status: string;
  title?: string | null;
}

export const DEFAULT_ROOM_MINUTES = 120;

export function roomEndsAt(subject: RoomSubject): Date {
  return subject.endsAt ? new Date(subject.endsAt) : new Date(new Date(subject.startsAt).getTime() + DEFAULT_ROOM_MINUTES * 60_000);
}

export type RoomSource = (deps: Deps, id: string) => Promise<RoomSubject | null>;

const sources = new Map<RoomKind, RoomSource>();

/** Plugs a domain in as the owner of one kind of room. A later registration replaces an earlier one. */
export function registerRoomSource(kind: RoomKind, source: RoomSource): void {
  sources.set(kind, source);
}

export async function findRoomSubject(deps: Deps, kind: RoomKind, id: string): Promise<RoomSubject | null> {
  const source = sources.get(kind);
  if (!source) return null;
  const subject = await source(deps, id);
  // Only video appointments have a room; an in-person or phone appointment answers like a missing one.
  if (subject && kind === 'appointment' && subject.kind !== 'video') return null;
  return subject;
}

registerRoomSource('appointment', getAppointmentForVideo);

registerRoomSource('case_review', (deps, id) => getCaseReviewForVideo(deps, id).then((r) => (r ? { ...r, kind: 'case_review', patientId: null } : null)));
