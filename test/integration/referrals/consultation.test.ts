import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { json, useReferralServer } from './support.ts';

const ctx = useReferralServer(['ben', 'nora', 'rhea']);
const { as, ids } = ctx;

type Appt = { id: string; kind: string; status: string; startsAt: string; endsAt: string; participants: Array<{ userId: string; role: string }> };
type Ref = { id: string; state: string; scheduledFor: string | null; consultAppointmentId: string | null };

/** Ben's specialist consultation, sent with his consent and accepted by Rhea's site. */
async function acceptedConsultation(consent = true) {
  const r = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ben, type: 'specialist_consultation', toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3' }), 201);
  for (const kind of ['pathology', 'clinical_summary']) await json(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, { source: 'navigator', kind, title: kind, body: 'Text.' }), 201);
  await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'verbal', witness: 'Dr Okafor' }), 200);
  await json(await as.nora!.send('POST', `/api/referrals/${r.id}/send`, {}), 200);
  await json(await as.rhea!.send('POST', `/api/referrals/${r.id}/accept`, {}), 200);
  if (!consent) await json(await as.nora!.send('DELETE', `/api/referrals/${r.id}/consent`), 200);
  return r.id;
}

const onCareTeam = async (userId: string) => (await json<{ careTeam: Array<{ userId: string }> }>(await as.nora!.get(`/api/patients/${ids.ben}`), 200)).careTeam.some((m) => m.userId === userId);
const readsBen = async (status: number) => json(await as.rhea!.get(`/api/patients/${ids.ben}`), status);
const specialistConsultations = async () => (await json<{ consultations: Array<{ id: string }> }>(await as.rhea!.get('/api/home/specialist'), 200)).consultations.map((c) => c.id);

describe('scheduling a consultation books its video appointment with the receiving specialist', () => {
  it('books, shows on both homes with reminders and a video room, moves with the referral, and is cancelled with it', async () => {
    const id = await acceptedConsultation();
    expect(await onCareTeam(ids.rhea!)).toBe(false);
    const startsAt = new Date(Date.now() + 26 * 3600_000);
    startsAt.setUTCSeconds(0, 0);
    const scheduled = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${id}/schedule`, { scheduledFor: startsAt.toISOString() }), 200);
    expect(scheduled.state).toBe('scheduled');
    const apptId = scheduled.consultAppointmentId!;
    expect(apptId).toMatch(/^[0-9a-f-]{36}$/);

    // The appointment: video, 45 minutes, Ben, Rhea and his navigator; Rhea is on his care team for it.
    const appt = await json<Appt>(await as.ben!.get(`/api/appointments/${apptId}`), 200);
    expect(appt).toMatchObject({ kind: 'video', status: 'scheduled' });
    expect(Date.parse(appt.startsAt)).toBe(startsAt.getTime());
    expect(Date.parse(appt.endsAt) - Date.parse(appt.startsAt)).toBe(45 * 60_000);
    expect(appt.participants.map((p) => `${p.userId}/${p.role}`).sort()).toEqual([`${ids.ben}/patient`, `${ids.nora}/navigator`, `${ids.rhea}/specialist`].sort());
    expect(await onCareTeam(ids.rhea!)).toBe(true);

    // Ben's home shows it as his next appointment; Rhea's home lists it to join; reminders are planned.
    const home = await json<{ next: { appointment: { id: string } } | null }>(await as.ben!.get('/api/home'), 200);
    expect(home.next?.appointment.id).toBe(apptId);
    expect(await specialistConsultations()).toContain(apptId);
    const { reminders } = await json<{ reminders: Array<{ status: string }> }>(await as.nora!.get(`/api/appointments/${apptId}/reminders`), 200);
    expect(reminders.some((r) => r.status === 'pending')).toBe(true);
    // The video room answers both of them, Rhea as a host.
    expect(await json<{ role: string }>(await as.rhea!.get(`/api/video/rooms/appointment/${apptId}`), 200)).toMatchObject({ role: 'host' });
    expect(await json<{ role: string }>(await as.ben!.get(`/api/video/rooms/appointment/${apptId}`), 200)).toMatchObject({ role: 'participant' });

    // A new time moves the appointment.
    const later = new Date(startsAt.getTime() + 2 * 3600_000);
    const moved = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${id}/schedule`, { scheduledFor: later.toISOString() }), 200);
    expect(Date.parse(moved.scheduledFor!)).toBe(later.getTime());
    expect(moved.consultAppointmentId).toBe(apptId);
    expect(Date.parse((await json<Appt>(await as.ben!.get(`/api/appointments/${apptId}`), 200)).startsAt)).toBe(later.getTime());

    // Nora cancels the referral: the appointment is cancelled and Rhea leaves the care team at once.
    await json(await as.nora!.send('POST', `/api/referrals/${id}/cancel`, { reason: 'Treated locally.' }), 200);
    expect((await json<Appt>(await as.nora!.get(`/api/appointments/${apptId}`), 200)).status).toBe('cancelled');
    expect(await onCareTeam(ids.rhea!)).toBe(false);
    expect(await specialistConsultations()).not.toContain(apptId);
    await json(await as.rhea!.get(`/api/video/rooms/appointment/${apptId}`), 404);
  });

  it('needs the consent to share still active, and the specialist leaves the care team when the referral is completed', async () => {
    const withdrawn = await acceptedConsultation(false);
    const at = new Date(Date.now() + 50 * 3600_000).toISOString();
    await json(await as.rhea!.send('POST', `/api/referrals/${withdrawn}/schedule`, { scheduledFor: at }), 409);
    expect(await onCareTeam(ids.rhea!)).toBe(false);

    const id = await acceptedConsultation();
    const scheduled = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${id}/schedule`, { scheduledFor: at }), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(true);
    await json(await as.rhea!.send('POST', `/api/referrals/${id}/complete`, {}), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(false);
    // The consultation happened: completing does not cancel it.
    expect((await json<Appt>(await as.nora!.get(`/api/appointments/${scheduled.consultAppointmentId}`), 200)).status).toBe('scheduled');
  });

  it('keeps the specialist on the care team while another open referral holds the membership, and removes them with the last', async () => {
    const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const first = await acceptedConsultation();
    const second = await acceptedConsultation();
    await json(await as.rhea!.send('POST', `/api/referrals/${first}/schedule`, { scheduledFor: at(30) }), 200);
    // Already on the team through the first referral; the second holds the membership too.
    const b = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${second}/schedule`, { scheduledFor: at(31) }), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(true);

    await json(await as.rhea!.send('POST', `/api/referrals/${first}/complete`, {}), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(true);
    await readsBen(200);
    expect(await specialistConsultations()).toContain(b.consultAppointmentId);

    await json(await as.nora!.send('POST', `/api/referrals/${second}/cancel`, { reason: 'Treated locally.' }), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(false);
    await readsBen(404);
    expect(await specialistConsultations()).not.toContain(b.consultAppointmentId);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL, two releases that run side by side still remove the specialist (the membership row is locked first)', async () => {
    const at = new Date(Date.now() + 70 * 3600_000).toISOString();
    const both = [await acceptedConsultation(), await acceptedConsultation()];
    for (const id of both) await json(await as.rhea!.send('POST', `/api/referrals/${id}/schedule`, { scheduledFor: at }), 200);
    // Hold both referrals' hold rows so that the two releases are in flight together when they go on.
    const blocker = new pg.Client({ connectionString: ctx.server.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from care_team_referral_holds where referral_id = any($1) for update', [both]);
      const done = Promise.all(both.map(async (id) => json(await as.rhea!.send('POST', `/api/referrals/${id}/complete`, {}), 200)));
      const waiting = async () => Number((await blocker.query<{ n: string }>('select count(distinct pid) as n from pg_locks where not granted')).rows[0]!.n);
      await expect.poll(waiting, { timeout: 10_000 }).toBe(2);
      await blocker.query('commit');
      await done;
    } finally {
      await blocker.end();
    }
    expect(await onCareTeam(ids.rhea!)).toBe(false);
    await readsBen(404);
  });

  it('never removes a standing member, even one first added by a referral', async () => {
    const at = new Date(Date.now() + 40 * 3600_000).toISOString();
    const first = await acceptedConsultation();
    await json(await as.rhea!.send('POST', `/api/referrals/${first}/schedule`, { scheduledFor: at }), 200);
    // Nora adds Rhea to the team herself: the membership is now standing.
    await json(await as.nora!.send('POST', `/api/patients/${ids.ben}/care-team`, { userId: ids.rhea, role: 'specialist' }), 204);
    await json(await as.rhea!.send('POST', `/api/referrals/${first}/complete`, {}), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(true);

    const second = await acceptedConsultation();
    await json(await as.rhea!.send('POST', `/api/referrals/${second}/schedule`, { scheduledFor: at }), 200);
    await json(await as.nora!.send('POST', `/api/referrals/${second}/cancel`, { reason: 'Treated locally.' }), 200);
    expect(await onCareTeam(ids.rhea!)).toBe(true);
    await readsBen(200);

    await json(await as.nora!.send('DELETE', `/api/patients/${ids.ben}/care-team/${ids.rhea}`), 204);
    await readsBen(404);
  });
});
