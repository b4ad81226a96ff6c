import { randomUUID } from 'node:crypto';
import { checkinDue, setSchedule } from '../../../src/checkins/service.ts';
import type { Actor, Deps } from '../../../src/platform/context.ts';
import { findUserByEmail } from '../../../src/people/repo.ts';

async function noraActor(deps: Deps): Promise<Actor> {
  const nora = await findUserByEmail(deps.db, 'nora@demo.test');
  if (!nora) throw new Error('no demo navigator');
  return { userId: nora.id, role: 'navigator', orgId: nora.orgId, sessionId: 'fixture', requestId: randomUUID() };
}

/** A weekly ESAS-r check-in falls due for the patient (minutes ago), the way the scheduler opens one. */
export async function makeCheckinDue(deps: Deps, patientId: string, minutesAgo = 1): Promise<string> {
  const schedule = await setSchedule(deps, await noraActor(deps), patientId, { frequency: 'weekly', instruments: ['esas-r'], hour: 10, active: true });
  const fired = await checkinDue(deps, patientId, schedule.version, Date.now() - minutesAgo * 60_000);
  if (!fired.requestId) throw new Error('no check-in request opened');
  return fired.requestId;
}
