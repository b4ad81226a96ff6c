import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeView } from '../../../src/contracts/home.ts';
import type { LibraryEntryView } from '../../../src/contracts/library.ts';
import type { QuestionView } from '../../../src/contracts/questions.ts';
import type { RecordsView } from '../../../src/contracts/records.ts';
import { connected, connectSocket, loginDemoUsers, nextEvent, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { videoAppointment } from '../video/fixtures.ts';
import { makeCheckinDue } from './fixtures.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam'], as, ids);
  await makeCheckinDue(server.deps, ids.ana!);
  ids.visit = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'], startsInMinutes: 2 * 24 * 60 });
}, 120_000);
afterAll(() => server.close());

const json = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
};

describe('home: what needs the person, then what is coming', () => {
  it("Ana's home has her due check-in, the consent her draft referral needs, her next appointment with both open questions, and her care team", async () => {
    const home = await json<HomeView>(await as.ana!.get('/api/home'));
    expect(home.actingFor).toBe(false);
    expect(home.checkins?.due.map((d) => d.instruments)).toEqual([['esas-r']]);
    expect(home.consentRequests).toHaveLength(1);
    expect(home.next?.appointment.id).toBe(ids.visit);
    expect(home.next?.questions.map((q) => q.body).sort()).toEqual(['Can I keep working during treatment?', 'Will I need radiotherapy before the operation?']);
    expect(home.messages).toEqual({ unread: 0, threadId: expect.any(String) });
    expect(home.careTeam[0]).toMatchObject({ userId: ids.nora, role: 'navigator' });
    expect(home.careTeam.map((m) => m.role)).toContain('specialist');
    expect(home.hours).toMatchObject({ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timezone: 'Europe/Madrid' });
  });

  it('a caregiver sees only the parts the patient granted, and nothing once the grant is revoked', async () => {
    expect((await as.ana!.send('PUT', '/api/me/caregivers', { caregiverId: ids.carl, scopes: ['appointments'] })).status).toBe(204);
    const home = await json<HomeView>(await as.carl!.get(`/api/home?patientId=${ids.ana}`));
    expect(home).toMatchObject({ actingFor: true, granted: ['appointments'], checkins: null, messages: null, consentRequests: null, boardSummaries: null });
    expect(home.next?.questions).toHaveLength(2);
    expect((await as.carl!.get('/api/home')).status).toBe(400);
    expect((await as.carl!.get(`/api/home?patientId=${ids.ben}`)).status).toBe(404);
    expect((await as.ana!.send('DELETE', `/api/me/caregivers/${ids.carl}`)).status).toBe(204);
    const gone = await as.carl!.get(`/api/home?patientId=${ids.ana}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual(await (await as.carl!.get('/api/home?patientId=00000000-0000-4000-8000-000000000000')).json());
    expect((await as.ana!.send('PUT', '/api/me/caregivers', { caregiverId: ids.carl, scopes: ['messages', 'checkins', 'appointments', 'records'] })).status).toBe(204);
  });

  it("another patient's home answers not_found; staff have no home here", async () => {
    expect((await as.ben!.get(`/api/home?patientId=${ids.ana}`)).status).toBe(404);
    expect((await as.nora!.get(`/api/home?patientId=${ids.ana}`)).status).toBe(403);
  });
});

describe('questions for the next visit', () => {
  it('a question written at home reaches the care team live, shows on the appointment, is answered with a note there and leaves the open list', async () => {
    const socket = connectSocket(server.url, as.nora!.cookie);
    await connected(socket);
    const changed = nextEvent<{ patientId: string }>(socket, 'questions:changed');
    const { question } = await json<{ question: QuestionView }>(await as.carl!.send('POST', `/api/patients/${ids.ana}/questions`, { body: 'Should I bring her scans on a disc?' }), 201);
    expect(await changed).toEqual({ patientId: ids.ana });
    socket.close();
    expect(question.authorName).toBe('Carl García');

    const onCall = await json<{ questions: QuestionView[] }>(await as.sam!.get(`/api/appointments/${ids.visit}/questions`));
    expect(onCall.questions.map((q) => q.body)).toContain('Should I bring her scans on a disc?');
    expect(onCall.questions).toHaveLength(3);

    const { question: answered } = await json<{ question: QuestionView }>(await as.sam!.send('POST', `/api/questions/${question.id}/answer`, { note: 'Yes, a disc or a download link.', appointmentId: ids.visit }));
    expect(answered).toMatchObject({ answeredByName: 'Dr Sam Okafor', answerNote: 'Yes, a disc or a download link.', answeredAppointmentId: ids.visit });
    expect((await as.nora!.send('POST', `/api/questions/${question.id}/answer`, { note: '' })).status).toBe(409);

    const home = await json<HomeView>(await as.ana!.get('/api/home'));
    expect(home.openQuestions?.map((q) => q.id)).not.toContain(question.id);
    expect(home.next?.questions).toHaveLength(2);
    const later = await json<{ questions: QuestionView[] }>(await as.nora!.get(`/api/appointments/${ids.visit}/questions`));
    expect(later.questions.find((q) => q.id === question.id)?.answeredAt).not.toBeNull();
  });

  it('a question for a clinician not in the next visit carries over to a later visit with them', async () => {
    const { question } = await json<{ question: QuestionView }>(await as.ana!.send('POST', `/api/patients/${ids.ana}/questions`, { body: 'When is my next scan?', clinicianId: ids.nora }), 201);
    const visit = await json<{ questions: QuestionView[] }>(await as.ana!.get(`/api/appointments/${ids.visit}/questions`));
    expect(visit.questions.map((q) => q.id)).not.toContain(question.id);
    const withNora = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['nora@demo.test'], startsInMinutes: 5 * 24 * 60 });
    const later = await json<{ questions: QuestionView[] }>(await as.ana!.get(`/api/appointments/${withNora}/questions`));
    expect(later.questions.map((q) => q.id)).toContain(question.id);
  });

  it('only the care team answers; others get not_found or forbidden; bad input is invalid', async () => {
    const { questions } = await json<{ questions: QuestionView[] }>(await as.ana!.get(`/api/patients/${ids.ana}/questions`));
    const open = questions.find((q) => !q.answeredAt)!;
    expect((await as.ana!.send('POST', `/api/questions/${open.id}/answer`, { note: 'x' })).status).toBe(403);
    expect((await as.ben!.get(`/api/patients/${ids.ana}/questions`)).status).toBe(404);
    expect((await as.ana!.send('POST', `/api/patients/${ids.ana}/questions`, { body: '' })).status).toBe(400);
    expect((await as.ana!.send('POST', `/api/patients/${ids.ana}/questions`, { body: 'x', clinicianId: ids.ben })).status).toBe(400);
    const sam = await as.sam!.send('POST', `/api/questions/${open.id}/answer`, { note: 'y', appointmentId: '00000000-0000-4000-8000-000000000000' });
    expect(sam.status).toBe(404);
  });
});

describe('trusted information library', () => {
  it("puts entries for Ana's diagnosis in her language first, and a Spanish reader's Spanish entries first", async () => {
    const { entries } = await json<{ entries: LibraryEntryView[] }>(await as.ana!.get('/api/library'));
    expect(entries[0]).toMatchObject({ domain: 'sarcoma', language: 'en', matches: true });
    expect(entries.filter((e) => e.matches).every((e) => e.domain === 'sarcoma' && e.language === 'en')).toBe(true);
    expect(entries.every((e) => e.reviewer && /^\d{4}-\d{2}-\d{2}$/.test(e.reviewedOn))).toBe(true);
    const es = await json<{ entries: LibraryEntryView[] }>(await as.ana!.get('/api/library?language=es'));
    expect(es.entries[0]).toMatchObject({ domain: 'sarcoma', language: 'es' });
    const ben = await json<{ entries: LibraryEntryView[] }>(await as.ben!.get('/api/library'));
    expect(ben.entries[0]).toMatchObject({ domain: 'thoracic', matches: true });
  });

  it('a navigator shares an entry into the care-team chat as a card', async () => {
    const { entries } = await json<{ entries: LibraryEntryView[] }>(await as.ana!.get('/api/library'));
    const home = await json<HomeView>(await as.ana!.get('/api/home'));
    const sent = await json<{ message: { body: string } }>(await as.nora!.send('POST', `/api/library/${entries[0]!.id}/share`, { threadId: home.messages!.threadId }), 201);
    expect(sent.message.body.split('\n').at(-1)).toBe(`#library:${entries[0]!.id}`);
    expect((await json<HomeView>(await as.ana!.get('/api/home'))).messages?.unread).toBe(1);
    expect((await as.ana!.send('POST', `/api/library/${entries[0]!.id}/share`, { threadId: home.messages!.threadId })).status).toBe(403);
  });
});

describe('my records', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const uploadTo = async (who: Client, threadId: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    return fetch(`${server.url}/api/threads/${threadId}/attachments`, { method: 'POST', headers: { cookie: who.cookie }, body: form });
  };

  it('Ana adds a typed, dated report; she sees with whom it is shared and under which consent', async () => {
    const before = await json<RecordsView>(await as.ana!.get(`/api/patients/${ids.ana}/records`));
    expect(before.documents).toEqual([]);
    const up = await json<{ attachment: { id: string } }>(await uploadTo(as.ana!, before.threadId, PDF, 'biopsy.pdf'), 201);
    await json(await as.ana!.send('POST', `/api/patients/${ids.ana}/records`, { attachmentId: up.attachment.id, kind: 'pathology', title: 'Core biopsy report', documentDate: '2026-10-02' }), 201);

    const listed = await json<RecordsView>(await as.ana!.get(`/api/patients/${ids.ana}/records`));
    expect(listed.documents).toEqual([expect.objectContaining({ kind: 'pathology', title: 'Core biopsy report', documentDate: '2026-10-02', fileName: 'biopsy.pdf', uploadedByName: 'Ana García', sharedWith: [] })]);

    // Nora puts it in the records packet of Ana's draft second opinion: shared with Northgate, consent pending.
    const { referrals } = await json<{ referrals: Array<{ id: string; state: string }> }>(await as.nora!.get(`/api/patients/${ids.ana}/referrals`));
    const draft = referrals.find((r) => r.state === 'draft')!.id;
    await json(await as.nora!.send('POST', `/api/referrals/${draft}/packet`, { source: 'attachment', kind: 'pathology', attachmentId: up.attachment.id, title: 'Core biopsy report' }), 201);
    let shared = (await json<RecordsView>(await as.ana!.get(`/api/patients/${ids.ana}/records`))).documents[0]!.sharedWith;
    expect(shared).toEqual([expect.objectContaining({ referralId: draft, toSiteName: 'Northgate Reference Centre', type: 'second_opinion', consent: expect.objectContaining({ status: 'none' }) })]);
    expect((await as.ana!.send('PUT', `/api/referrals/${draft}/consent`, { method: 'in_app' })).status).toBe(200);
    shared = (await json<RecordsView>(await as.carl!.get(`/api/patients/${ids.ana}/records`))).documents[0]!.sharedWith;
    expect(shared[0]?.consent).toMatchObject({ status: 'active', method: 'in_app' });
  });

  it("refuses another patient's records and a file that is not a document; the same upload cannot be added twice", async () => {
    expect((await as.ben!.get(`/api/patients/${ids.ana}/records`)).status).toBe(404);
    expect((await as.nora!.get(`/api/patients/${ids.ana}/records`)).status).toBe(200);
    const { threadId, documents } = await json<RecordsView>(await as.ana!.get(`/api/patients/${ids.ana}/records`));
    expect((await uploadTo(as.ana!, threadId, Buffer.from('not a pdf at all'), 'x.pdf')).status).toBe(400);
    expect((await as.ana!.send('POST', `/api/patients/${ids.ana}/records`, { attachmentId: documents[0]!.attachmentId, kind: 'lab', title: 'again' })).status).toBe(400);
    expect((await as.ana!.send('POST', `/api/patients/${ids.ana}/records`, { attachmentId: documents[0]!.attachmentId, kind: 'scan', title: 'x' })).status).toBe(400);
  });
});

describe('preferences: quiet hours', () => {
  it('are kept per person, may wrap midnight, and are removed on request', async () => {
    expect(await json(await as.ana!.get('/api/me/quiet-hours'))).toEqual({ quietHours: null });
    expect(await json(await as.ana!.send('PUT', '/api/me/quiet-hours', { start: '22:00', end: '07:30' }))).toEqual({ quietHours: { start: '22:00', end: '07:30' } });
    expect(await json(await as.carl!.get('/api/me/quiet-hours'))).toEqual({ quietHours: null });
    expect((await as.ana!.send('PUT', '/api/me/quiet-hours', { start: '22:00', end: '22:00' })).status).toBe(400);
    expect((await as.ana!.send('PUT', '/api/me/quiet-hours', { start: '25:00', end: '07:00' })).status).toBe(400);
    expect((await as.ana!.send('DELETE', '/api/me/quiet-hours')).status).toBe(204);
    expect(await json(await as.ana!.get('/api/me/quiet-hours'))).toEqual({ quietHours: null });
  });
});

describe('library curation', () => {
  it('a navigator adds an entry (reviewed by them today) and marks another reviewed; others may not; links must be https', async () => {
    const body = { kind: 'support_group', title: 'Grupo de apoyo de sarcoma', summary: 'Encuentros mensuales.', organization: 'Asociación Española Contra el Cáncer (AECC)', url: null, domain: 'sarcoma', language: 'es', format: 'in_person' };
    const created = await json<LibraryEntryView>(await as.nora!.send('POST', '/api/library', body), 201);
    expect(created).toMatchObject({ reviewer: 'Nora Navarro', reviewedOn: new Date().toISOString().slice(0, 10), domain: 'sarcoma' });
    expect((await as.ana!.send('POST', '/api/library', body)).status).toBe(403);
    expect((await as.nora!.send('POST', '/api/library', { ...body, url: 'http://example.org' })).status).toBe(400);
    const { entries } = await json<{ entries: LibraryEntryView[] }>(await as.ana!.get('/api/library?language=es'));
    expect(entries.filter((e) => e.matches).map((e) => e.id)).toContain(created.id);
    const reviewed = await json<LibraryEntryView>(await as.nora!.send('PUT', `/api/library/${entries.at(-1)!.id}/reviewed`));
    expect(reviewed.reviewer).toBe('Nora Navarro');
    expect((await as.nora!.send('PUT', '/api/library/00000000-0000-4000-8000-000000000000/reviewed')).status).toBe(404);
  });
});
