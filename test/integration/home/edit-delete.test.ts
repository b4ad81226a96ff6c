import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionView } from '../../../src/contracts/questions.ts';
import type { RecordsView } from '../../../src/contracts/records.ts';
import { users } from '../../../src/people/tables.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { loginDemoUsers, login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ana', 'ben', 'carl', 'nora', 'sam'], as, ids);
}, 120_000);
afterAll(() => server.close());

const json = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
};
const audited = async (action: string, targetId: string) =>
  (await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))).map((a) => ({ actor: a.actor, patientId: a.patientId, outcome: a.outcome }));
const ask = async (who: Client, body: string) => (await json<{ question: QuestionView }>(await who.send('POST', `/api/patients/${ids.ana}/questions`, { body }), 201)).question;
const questionsOfAna = async () => (await json<{ questions: QuestionView[] }>(await as.ana!.get(`/api/patients/${ids.ana}/questions`))).questions;

describe('questions for the visit: edit and delete until answered', () => {
  it('Ana rewrites and withdraws her questions (Carl too, for her), each audited', async () => {
    const q = await ask(as.ana!, 'Do I need to fast?');
    const { question } = await json<{ question: QuestionView }>(await as.ana!.send('PATCH', `/api/questions/${q.id}`, { body: 'Do I need to fast before the scan?' }));
    expect(question).toMatchObject({ id: q.id, body: 'Do I need to fast before the scan?', answeredAt: null });
    expect((await questionsOfAna()).find((x) => x.id === q.id)?.body).toBe('Do I need to fast before the scan?');
    expect(await audited('question.edit', q.id)).toEqual([{ actor: ids.ana, patientId: ids.ana, outcome: 'success' }]);

    const byCarl = await ask(as.carl!, 'Can I come in with her?');
    expect((await as.carl!.send('DELETE', `/api/questions/${byCarl.id}`)).status).toBe(204);
    expect((await questionsOfAna()).map((x) => x.id)).not.toContain(byCarl.id);
    expect(await audited('question.delete', byCarl.id)).toEqual([{ actor: ids.carl, patientId: ids.ana, outcome: 'success' }]);
    expect((await as.ana!.send('DELETE', `/api/questions/${byCarl.id}`)).status).toBe(404);
  });

  it('an answered question stays as said; another patient, staff and bad input are refused', async () => {
    const q = await ask(as.ana!, 'How long is the operation?');
    expect((await as.ben!.send('PATCH', `/api/questions/${q.id}`, { body: 'mine now' })).status).toBe(404);
    expect((await as.ben!.send('DELETE', `/api/questions/${q.id}`)).status).toBe(404);
    expect((await as.nora!.send('DELETE', `/api/questions/${q.id}`)).status).toBe(403);
    expect((await as.ana!.send('PATCH', `/api/questions/${q.id}`, { body: '  ' })).status).toBe(400);
    expect((await as.ana!.send('PATCH', `/api/questions/${q.id}`, { body: 'x', answeredAt: null })).status).toBe(400);
    expect((await as.sam!.send('POST', `/api/questions/${q.id}/answer`, { note: 'About three hours.' })).status).toBe(200);
    const edit = await as.ana!.send('PATCH', `/api/questions/${q.id}`, { body: 'changed after the answer' });
    expect(edit.status).toBe(409);
    expect((await as.ana!.send('DELETE', `/api/questions/${q.id}`)).status).toBe(409);
    expect((await questionsOfAna()).find((x) => x.id === q.id)).toMatchObject({ body: 'How long is the operation?', answerNote: 'About three hours.' });
  });
});

describe('my records: edit and delete', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const records = async (who: Client = as.ana!) => json<RecordsView>(await who.get(`/api/patients/${ids.ana}/records`));
  async function addDocument(title: string) {
    const { threadId } = await records();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${title}.pdf`);
    const up = await json<{ attachment: { id: string } }>(await fetch(`${server.url}/api/threads/${threadId}/attachments`, { method: 'POST', headers: { cookie: as.ana!.cookie }, body: form }), 201);
    const { id } = await json<{ id: string }>(await as.ana!.send('POST', `/api/patients/${ids.ana}/records`, { attachmentId: up.attachment.id, kind: 'lab', title, documentDate: '2026-09-01' }), 201);
    return { id, attachmentId: up.attachment.id };
  }

  it('Ana corrects the type, title and date; then deletes it; both audited', async () => {
    const doc = await addDocument('Blood count');
    expect((await as.ana!.send('PATCH', `/api/patients/${ids.ana}/records/${doc.id}`, { kind: 'letter', title: 'Discharge letter', documentDate: '2026-09-03' })).status).toBe(204);
    expect((await records()).documents.find((d) => d.id === doc.id)).toMatchObject({ kind: 'letter', title: 'Discharge letter', documentDate: '2026-09-03' });
    expect(await audited('records.edit', doc.id)).toEqual([{ actor: ids.ana, patientId: ids.ana, outcome: 'success' }]);
    expect((await as.ana!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`)).status).toBe(204);
    expect((await records()).documents.map((d) => d.id)).not.toContain(doc.id);
    expect(await audited('records.delete', doc.id)).toEqual([{ actor: ids.ana, patientId: ids.ana, outcome: 'success' }]);
  });

  it('a document in a referral packet is kept with a clear conflict until the navigator takes it out', async () => {
    const doc = await addDocument('Biopsy');
    const { referrals } = await json<{ referrals: Array<{ id: string; state: string }> }>(await as.nora!.get(`/api/patients/${ids.ana}/referrals`));
    const draft = referrals.find((r) => r.state === 'draft')!.id;
    const item = await json<{ id: string }>(await as.nora!.send('POST', `/api/referrals/${draft}/packet`, { source: 'attachment', kind: 'pathology', attachmentId: doc.attachmentId, title: 'Biopsy' }), 201);
    const refused = await as.ana!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('records packet') });
    expect((await records()).documents.map((d) => d.id)).toContain(doc.id);

    expect((await as.nora!.send('DELETE', `/api/referrals/${draft}/packet/${item.id}`)).status).toBe(204);
    expect((await as.ana!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`)).status).toBe(204);
  });

  it("the care team's navigator reads the list (audited) and downloads the file; a navigator off the team gets not_found; a specialist may not", async () => {
    const doc = await addDocument('Histology');
    const list = await json<RecordsView>(await as.nora!.get(`/api/patients/${ids.ana}/records`));
    expect(list.documents.find((d) => d.id === doc.id)).toMatchObject({ title: 'Histology', kind: 'lab', fileName: 'Histology.pdf' });
    const read = (await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'records.list'), eq(auditLog.actor, ids.nora!)))).map((a) => a.patientId);
    expect(read).toContain(ids.ana);
    const file = await as.nora!.get(`/api/attachments/${doc.attachmentId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await audited('attachment.download', doc.attachmentId)).toContainEqual({ actor: ids.nora, patientId: ids.ana, outcome: 'success' });

    const { hashPassword } = await import('../../../src/auth/password.ts');
    const [nora] = await server.deps.db.select().from(users).where(eq(users.id, ids.nora!));
    await server.deps.db.insert(users).values({ id: randomUUID(), orgId: nora!.orgId, email: 'olly@demo.test', name: 'Olly Navigator', role: 'navigator', passwordHash: await hashPassword('demo-pass-1234') });
    const olly = await login(server.url, 'olly@demo.test');
    const off = await olly.get(`/api/patients/${ids.ana}/records`);
    const missing = await olly.get(`/api/patients/${randomUUID()}/records`);
    expect(off.status).toBe(404);
    expect(await off.json()).toEqual(await missing.json());
    expect((await as.sam!.get(`/api/patients/${ids.ana}/records`)).status).toBe(403);
  });

  it("another patient's records answer not_found; staff may not; a caregiver without the records grant may not; bad input is invalid", async () => {
    const doc = await addDocument('Scan report');
    expect((await as.ben!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`)).status).toBe(404);
    expect((await as.ben!.send('PATCH', `/api/patients/${ids.ben}/records/${doc.id}`, { title: 'x' })).status).toBe(404);
    expect((await as.nora!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`)).status).toBe(403);
    expect((await as.ana!.send('PATCH', `/api/patients/${ids.ana}/records/${doc.id}`, {})).status).toBe(400);
    expect((await as.ana!.send('PATCH', `/api/patients/${ids.ana}/records/${doc.id}`, { kind: 'scan' })).status).toBe(400);
    expect((await as.ana!.send('PUT', '/api/me/caregivers', { caregiverId: ids.carl, scopes: ['appointments'] })).status).toBe(204);
    expect((await as.carl!.send('DELETE', `/api/patients/${ids.ana}/records/${doc.id}`)).status).toBe(404);
    expect((await records()).documents.map((d) => d.id)).toContain(doc.id);
  });
});
