import { randomUUID } from 'node:crypto';
import { createAppointment } from '../../../src/appointments/service.ts';
import type { Actor, Deps } from '../../../src/platform/context.ts';
import { findUserByEmail } from '../../../src/people/repo.ts';

/** The demo user's id by e-mail (demo seed). */
export async function demoUserId(deps: Deps, email: string): Promise<string> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user.id;
}

/**
 * A video appointment booked the way the app books one: Nora (the demo navigator) creates it through
 * the appointments service for a patient, with the given participants, starting now.
 */
export async function videoAppointment(deps: Deps, opts: { patient: string; participants: string[]; startsInMinutes?: number; minutes?: number }): Promise<string> {
  const nora = await findUserByEmail(deps.db, 'nora@demo.test');
  if (!nora) throw new Error('no demo navigator');
  const actor: Actor = { userId: nora.id, role: 'navigator', orgId: nora.orgId, sessionId: 'fixture', requestId: randomUUID() };
  const start = Date.now() + (opts.startsInMinutes ?? 0) * 60_000;
  const view = await createAppointment(deps, actor, {
    patientId: await demoUserId(deps, opts.patient),
    kind: 'video',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + (opts.minutes ?? 45) * 60_000).toISOString(),
    participantIds: await Promise.all(opts.participants.map((e) => demoUserId(deps, e))),
    title: 'Video consultation',
  });
  return view.id;
}
