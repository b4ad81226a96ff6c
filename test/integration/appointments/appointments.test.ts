import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getAppointmentForVideo } from '../../../src/appointments/service.ts';
import { appointments } from '../../../src/appointments/tables.ts';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { idempotencyKeys } from '../../../src/platform/db/idempotency-tables.ts';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};
const sites: Record<string, string> = {};

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const json = async <T = Record<string, unknown>>(res: Response) => ({ status: res.status, body: (await res.json()) as T });

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam', 'admin', 'lead'], as, ids);
  const { body } = await json<{ sites: Array<{ id: string; name: string }> }>(await as.nora!.get('/api/scheduling/sites'));
  for (const s of body.sites) sites[s.name.split(' ')[0]!.toLowerCase()] = s.id;
}, 120_000);
afterAll(() => server.close());

interface View {
  id: string;
  status: string;
  version: number;
  startsAt: string;
  participants: Array<{ userId: string; role: string }>;
  conflicts: Array<{ kind: string; withAppointmentId: string; travelMinutes?: number; gapMinutes?: number }>;
  logistics: { interpreterNeeded: boolean; bring: string[] };
}

const create = (body: Record<string, unknown>, who = 'nora', headers: Record<string, string> = {}) =>
  as[who]!.send('POST', '/api/appointments', { patientId: ids.ana, kind: 'video', startsAt: inHours(100), endsAt: inHours(101), participantIds: [], ...body }, headers);

const reminders = async (id: string) =>
  (await json<{ reminders: Array<{ userId: string; offsetMinutes: number; version: number; status: string; dueAt: string }> }>(await as.nora!.get(`/api/appointments/${id}/reminders`))).body.reminders;

describe('appointments: the public contract', () => {
  test('a navigator creates an in-person appointment with participants and logistics; the patient and caregiver see it', async () => {
    const res = await json<View>(
      await create({
        kind: 'in_person',
        siteId: sites.northgate,
        participantIds: [ids.sam, ids.carl],
        logistics: { interpreterNeeded: true, interpreterLanguage: 'es', travelNotes: 'Taxi booked', bring: ['CT scans', 'medication list'] },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('scheduled');
    expect(res.body.participants.map((p) => `${p.role}`).sort()).toEqual(['caregiver', 'patient', 'specialist']);
    expect(res.body.logistics).toMatchObject({ interpreterNeeded: true, bring: ['CT scans', 'medication list'] });

    for (const who of ['ana', 'carl', 'nora']) {
      const list = await json<{ appointments: View[] }>(await as[who]!.get(`/api/appointments?patientId=${ids.ana}`));
      expect(list.status).toBe(200);
      expect(list.body.appointments.map((a) => a.id)).toContain(res.body.id);
    }
    // Reminders planned for the patient and the caregiver (not the specialist), 72 h / 24 h / 2 h.
    const rs = await reminders(res.body.id);
    expect(rs.map((r) => `${r.userId === ids.ana ? 'ana' : r.userId === ids.carl ? 'carl' : 'other'}:${r.offsetMinutes}`).sort()).toEqual(['ana:120', 'ana:1440', 'ana:4320', 'carl:120', 'carl:1440', 'carl:4320']);
  });

  test('another patient, a stranger id and an unknown appointment all answer the same not_found', async () => {
    const a = await json<View>(await create({}));
    const ben = await as.ben!.get(`/api/appointments?patientId=${ids.ana}`);
    const random = await as.ben!.get(`/api/appointments?patientId=${crypto.randomUUID()}`);
    expect(ben.status).toBe(404);
    expect(await ben.json()).toEqual(await random.json());
    expect((await as.ben!.get(`/api/appointments/${a.body.id}`)).status).toBe(404);
    expect((await as.ben!.send('PATCH', `/api/appointments/${a.body.id}`, { action: 'confirm' })).status).toBe(404);
    // Patients cannot create or cancel; specialists cannot create.
    expect((await create({}, 'ana')).status).toBe(403);
    expect((await create({}, 'sam')).status).toBe(403);
    expect((await as.ana!.send('DELETE', `/api/appointments/${a.body.id}`)).status).toBe(403);
  });

  test('bad input is refused with field details: times out of order, in person without site, another patient as participant', async () => {
    const backwards = await json<{ error: { code: string; details: Array<{ path: string }> } }>(await create({ startsAt: inHours(10), endsAt: inHours(9) }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.map((d) => d.path)).toContain('endsAt');
    expect((await create({ kind: 'in_person' })).status).toBe(400);
    expect((await create({ kind: 'teleport' })).status).toBe(400);
    expect((await create({ extra: 1 })).status).toBe(400);
    const intruder = await json<{ error: { code: string } }>(await create({ participantIds: [ids.ben] }));
    expect([intruder.status, intruder.body.error.code]).toEqual([400, 'invalid']);
  });

  test('the patient confirms; a caregiver with the appointments scope asks for a change with a reason', async () => {
    const a = await json<View>(await create({}));
    const confirmed = await json<View>(await as.ana!.send('PATCH', `/api/appointments/${a.body.id}`, { action: 'confirm' }));
    expect(confirmed.body.status).toBe('confirmed');
    const change = await json<View & { changeReason: string }>(await as.carl!.send('PATCH', `/api/appointments/${a.body.id}`, { action: 'request_change', reason: 'Chemo that morning' }));
    expect([change.body.status, change.body.changeReason]).toEqual(['change_requested', 'Chemo that morning']);
    // A reason is required, and the patient's side cannot reschedule.
    expect((await as.ana!.send('PATCH', `/api/appointments/${a.body.id}`, { action: 'request_change' })).status).toBe(400);
    expect((await as.ana!.send('PATCH', `/api/appointments/${a.body.id}`, { startsAt: inHours(5) })).status).toBe(400);
  });

  test('reschedule moves every pending reminder (new version, old jobs gone); the same change twice changes nothing', async () => {
    const a = await json<View>(await create({ participantIds: [ids.carl] }));
    const queue = server.deps.queues.get(QUEUES.reminders);
    const before = await reminders(a.body.id);
    expect(before).toHaveLength(6);
    for (const r of before) expect(await queue.getJobState(`reminder-${a.body.id}-${r.offsetMinutes}m-${r.userId}-v1`)).toBe('delayed');

    const patch = { startsAt: inHours(150), endsAt: inHours(151) };
    const moved = await json<View>(await as.nora!.send('PATCH', `/api/appointments/${a.body.id}`, patch));
    expect([moved.status, moved.body.version]).toEqual([200, 2]);
    const again = await json<View>(await as.nora!.send('PATCH', `/api/appointments/${a.body.id}`, patch));
    expect(again.body.version).toBe(2);

    const after = await reminders(a.body.id);
    expect(after.filter((r) => r.version === 1).every((r) => r.status === 'cancelled')).toBe(true);
    const live = after.filter((r) => r.status === 'pending');
    expect(live).toHaveLength(6);
    expect(live.every((r) => r.version === 2)).toBe(true);
    for (const r of before) expect(await queue.getJob(`reminder-${a.body.id}-${r.offsetMinutes}m-${r.userId}-v1`)).toBeUndefined();
    for (const r of live) {
      const job = await queue.getJob(`reminder-${a.body.id}-${r.offsetMinutes}m-${r.userId}-v2`);
      expect(job?.timestamp !== undefined && job.timestamp + (job.opts.delay ?? 0)).toBeCloseTo(Date.parse(r.dueAt), -3);
    }
    // A new time needs the patient's confirmation again.
    expect(moved.body.status).toBe('scheduled');
  });

  test('cancel removes every pending reminder and its job; cancelling twice answers the same', async () => {
    const a = await json<View>(await create({}));
    const queue = server.deps.queues.get(QUEUES.reminders);
    const before = await reminders(a.body.id);
    expect((await as.nora!.send('DELETE', `/api/appointments/${a.body.id}`)).status).toBe(204);
    expect((await as.nora!.send('DELETE', `/api/appointments/${a.body.id}`)).status).toBe(204);
    const after = await reminders(a.body.id);
    expect(after.map((r) => r.status)).toEqual(before.map(() => 'cancelled'));
    for (const r of before) expect(await queue.getJob(`reminder-${a.body.id}-${r.offsetMinutes}m-${r.userId}-v1`)).toBeUndefined();
    const list = await json<{ appointments: View[] }>(await as.ana!.get(`/api/appointments?patientId=${ids.ana}`));
    expect(list.body.appointments.map((x) => x.id)).not.toContain(a.body.id);
    expect((await as.nora!.send('PATCH', `/api/appointments/${a.body.id}`, { startsAt: inHours(200), endsAt: inHours(201) })).status).toBe(409);
  });

  test('Idempotency-Key: the same POST twice, or ten at once, leaves one row and the same answer (S14)', async () => {
    const body = { patientId: ids.ben, kind: 'phone', startsAt: inHours(300), endsAt: inHours(301), participantIds: [] };
    const rows = async () => (await server.deps.db.select({ n: count() }).from(appointments).where(eq(appointments.patientId, ids.ben!)))[0]!.n;
    const start = await rows();
    const first = await as.nora!.send('POST', '/api/appointments', body, { 'idempotency-key': 'k-1' });
    const second = await as.nora!.send('POST', '/api/appointments', body, { 'idempotency-key': 'k-1' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await rows()).toBe(start + 1);

    const burst = await Promise.all(Array.from({ length: 10 }, () => as.nora!.send('POST', '/api/appointments', body, { 'idempotency-key': 'k-burst' })));
    const bodies = await Promise.all(burst.map((r) => r.json() as Promise<{ id: string }>));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(await rows()).toBe(start + 2);
    const keys = await server.deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k-burst'));
    expect(keys).toHaveLength(1);

    // The same key with another body is refused; another user's identical key is their own.
    expect((await as.nora!.send('POST', '/api/appointments', { ...body, kind: 'video' }, { 'idempotency-key': 'k-1' })).status).toBe(409);
    // The clinical lead reaches every patient of the organization (docs/decisions/0007): a new appointment of the lead's own.
    const lead = await as.lead!.send('POST', '/api/appointments', body, { 'idempotency-key': 'k-1' });
    expect(lead.status).toBe(201);
    expect(await rows()).toBe(start + 3);
  });

  test('conflicts: overlapping appointments, and two sites on one day closer than the recorded travel time', async () => {
    // Far in the future, on a day of their own.
    const day = new Date(Date.now() + 40 * 86_400_000);
    day.setUTCHours(8, 0, 0, 0);
    const t = (h: number, m = 0) => new Date(day.getTime() + (h - 8) * 3600_000 + m * 60_000).toISOString();
    expect((await as.nora!.send('PUT', '/api/scheduling/travel-times', { fromSiteId: sites.northgate, toSiteId: sites.lakeside, minutes: 90 })).status).toBe(204);
    const a = await json<View>(await create({ kind: 'in_person', siteId: sites.northgate, startsAt: t(8), endsAt: t(9) }));
    const b = await json<View>(await create({ kind: 'in_person', siteId: sites.lakeside, startsAt: t(10), endsAt: t(11) }));
    expect(b.body.conflicts).toEqual([{ kind: 'travel', appointmentId: b.body.id, withAppointmentId: a.body.id, travelMinutes: 90, gapMinutes: 60 }]);
    const c = await json<View>(await create({ kind: 'phone', startsAt: t(10, 30), endsAt: t(11, 30) }));
    expect(c.body.conflicts.map((x) => `${x.kind}:${x.withAppointmentId === b.body.id}`)).toEqual(['overlap:true']);
    const list = await json<{ appointments: View[] }>(await as.nora!.get(`/api/appointments?patientId=${ids.ana}`));
    const flagged = list.body.appointments.find((x) => x.id === a.body.id)!;
    expect(flagged.conflicts.map((x) => x.kind)).toEqual(['travel']);
  });

  test('getAppointmentForVideo: participants are the patient and listed users, hosts the navigators and specialists', async () => {
    const a = await json<View>(await create({ participantIds: [ids.nora, ids.sam, ids.carl] }));
    const v = await getAppointmentForVideo(server.deps, a.body.id);
    expect(v).toMatchObject({ id: a.body.id, kind: 'video', patientId: ids.ana, status: 'scheduled' });
    expect(v!.participantIds.sort()).toEqual([ids.ana, ids.nora, ids.sam, ids.carl].sort());
    expect(v!.hostIds.sort()).toEqual([ids.nora, ids.sam].sort());
    expect(await getAppointmentForVideo(server.deps, crypto.randomUUID())).toBeNull();
    expect(await getAppointmentForVideo(server.deps, 'not-a-uuid')).toBeNull();
  });
});

describe('calendar', () => {
  test('an .ics per appointment, for those who may see it', async () => {
    const a = await json<View>(await create({ kind: 'in_person', siteId: sites.northgate }));
    const res = await as.ana!.get(`/api/appointments/${a.body.id}/ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(text).toContain(`UID:${a.body.id}@`);
    expect(text).toContain('LOCATION:Northgate Reference Centre\\, Northgate');
    expect((await as.ben!.get(`/api/appointments/${a.body.id}/ics`)).status).toBe(404);
  });

  test('a private feed URL works without a session, is replaced by rotation and stops after revocation', async () => {
    const created = await json<{ url: string }>(await as.carl!.send('POST', '/api/calendar/feed'));
    expect(created.status).toBe(201);
    const feed = await fetch(created.body.url);
    expect(feed.status).toBe(200);
    const text = await feed.text();
    expect(text).toContain('X-WR-CALNAME:Mi plan de atención (Wayfinder)'); // Carl reads Spanish
    expect(text).toContain('BEGIN:VEVENT');
    const status = await json<{ active: boolean }>(await as.carl!.get('/api/calendar/feed'));
    expect(status.body.active).toBe(true);

    const rotated = await json<{ url: string }>(await as.carl!.send('POST', '/api/calendar/feed'));
    expect((await fetch(created.body.url)).status).toBe(404);
    expect((await fetch(rotated.body.url)).status).toBe(200);
    expect((await as.carl!.send('DELETE', '/api/calendar/feed')).status).toBe(204);
    expect((await fetch(rotated.body.url)).status).toBe(404);
    expect((await fetch(`${server.url}/api/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
  });
});

describe('care timeline', () => {
  test('appointments and treatment plan items in one view, the next step first', async () => {
    const soon = await json<View>(await create({ startsAt: inHours(1), endsAt: inHours(2) }));
    const chemo = await json<{ id: string }>(
      await as.nora!.send('POST', '/api/treatment-plan-items', { patientId: ids.ana, kind: 'chemotherapy', startsAt: inHours(30), endsAt: inHours(34), cycle: 2, cyclesTotal: 6, siteId: sites.lakeside }),
    );
    expect(chemo.status).toBe(201);
    await as.nora!.send('POST', '/api/treatment-plan-items', { patientId: ids.ana, kind: 'surgery', startsAt: inHours(-500) });
    const tl = await json<{ next: { id: string; kind: string }; upcoming: Array<{ id: string; at: string }>; past: Array<{ kind: string; titleKey: string }> }>(await as.ana!.get(`/api/patients/${ids.ana}/timeline`));
    expect(tl.status).toBe(200);
    expect(tl.body.next.id).toBe(`appointment-${soon.body.id}`);
    const ats = tl.body.upcoming.map((i) => Date.parse(i.at));
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
    expect(tl.body.upcoming.map((i) => i.id)).toContain(`treatment-${chemo.body.id}`);
    expect(tl.body.past.map((i) => i.titleKey)).toContain('appointments:timeline.treatment.surgery');
    expect((await as.ben!.get(`/api/patients/${ids.ana}/timeline`)).status).toBe(404);
    expect((await as.ana!.send('POST', '/api/treatment-plan-items', { patientId: ids.ana, kind: 'surgery', startsAt: inHours(5) })).status).toBe(403);
  });
});
