import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '../../../src/alerts/tables.ts';
import type { AttachmentInfo, CrisisNotice, Message, ThreadSummary } from '../../../src/contracts/messaging.ts';
import { messagingSettings } from '../../../src/messaging/settings.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { JOBS } from '../../../workers/jobs.ts';
import { closeWorkerDeps, createWorkerDeps, startWorkers, type RunningWorkers } from '../../../workers/runtime.ts';
import { nextEvent } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { mailText, startSmtpSink } from '../../support/smtp.ts';
import { careTeamThreadId, openSocket, person, send, sent, setWorkingHours, sleep, threadsOf, until, type Person } from './support.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let workers: RunningWorkers;
let ana: Person, ben: Person, nora: Person;
let anaThread: string, benThread: string;
const saved = { ...messagingSettings };

// A 1x1 PNG, a minimal PDF and the start of a JPEG: real signatures, as file-type reads them.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  // Short delays so e-mails fire within the test; working hours are re-read on every message.
  Object.assign(messagingSettings, { notifyDelayMs: 400, hoursCacheMs: 0 });
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url });
  await setWorkingHours(server.deps, 'always');
  workers = await startWorkers(await createWorkerDeps(server.env, { config: server.deps.config, database: server.deps.database }), JOBS);
  [ana, ben, nora] = (await Promise.all(['ana', 'ben', 'nora'].map((n) => person(server.url, n)))) as [Person, Person, Person];
  anaThread = await careTeamThreadId(ana.client, ana.id);
  benThread = await careTeamThreadId(ben.client, ben.id);
});
afterAll(async () => {
  Object.assign(messagingSettings, saved);
  for (const p of [ana, ben, nora]) p?.socket.disconnect();
  await workers?.close();
  if (workers) {
    workers.deps.database = { ...workers.deps.database, close: async () => undefined };
    await closeWorkerDeps(workers.deps);
  }
  await server?.close();
  await smtp?.close();
});

async function upload(who: Person, threadId: string, bytes: Buffer, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fetch(`${server.url}/api/threads/${threadId}/attachments`, { method: 'POST', headers: { cookie: who.client.cookie }, body: form });
}

describe('crisis language', () => {
  it('raises an urgent alert for the navigator and answers the patient with crisis resources at once', async () => {
    const other = await openSocket(server.url, ana.client.cookie);
    const onOtherDevice = nextEvent<{ crisis: CrisisNotice }>(other.socket, 'message:crisis');
    const ack = await send(ana.socket, anaThread, "I can't breathe properly since this morning");
    if (!ack.ok) throw new Error(ack.error.code);
    // The resources are the organization's crisis data for Ana's country (her site is in Spain), as on check-ins.
    expect(ack.data.crisis).toMatchObject({ categories: ['breathing'], locale: 'en', resources: { country: 'ES', emergency: '112', lines: [{ phone: '024' }, { phone: '717 003 717' }] } });
    expect((await onOtherDevice).crisis.categories).toEqual(['breathing']);
    const [alert] = await server.deps.db.select().from(alerts).where(and(eq(alerts.source, 'message'), eq(alerts.sourceId, ack.data.message.id)));
    expect(alert).toMatchObject({ patientId: ana.id, severity: 'urgent', ruleId: 'messaging.crisis' });
    expect(JSON.stringify(alert!.reasons)).not.toContain('breathe');
    // The navigator's inbox shows the thread first, urgent; her reply clears it.
    const inbox = ((await (await nora.client.get('/api/inbox')).json()) as { threads: ThreadSummary[] }).threads;
    expect(inbox[0]).toMatchObject({ id: anaThread, urgent: true, awaitingReply: true });
    sent(await send(nora.socket, anaThread, 'Calling you now.'));
    const after = ((await (await nora.client.get('/api/inbox')).json()) as { threads: ThreadSummary[] }).threads.find((t) => t.id === anaThread);
    expect(after).toMatchObject({ urgent: false, awaitingReply: false });
    // Spanish and Arabic crisis language in the same pipeline; a staff member's words raise nothing.
    const es = await send(ana.socket, anaThread, 'Tengo dolor en el pecho');
    expect(es.ok && es.data.crisis?.categories).toEqual(['chest_pain']);
    const ar = await send(ana.socket, anaThread, 'أريد أن أموت');
    expect(ar.ok && ar.data.crisis?.categories).toEqual(['self_harm']);
    const staff = await send(nora.socket, anaThread, 'Any chest pain today?');
    expect(staff.ok && staff.data.crisis).toBeUndefined();
    // Fever is urgent only for a patient on systemic therapy (decision 0204).
    const feverOff = await send(ana.socket, anaThread, 'I have a fever since last night');
    expect(feverOff.ok && feverOff.data.crisis).toBeUndefined();
    expect((await nora.client.send('PUT', `/api/patients/${ana.id}/clinical-flags`, { onSystemicTherapy: true })).status).toBe(200);
    const feverOn = await send(ana.socket, anaThread, 'Tengo fiebre y escalofríos');
    expect(feverOn.ok && feverOn.data.crisis?.categories).toEqual(['fever']);
    other.socket.disconnect();
  });
});

describe('out of hours', () => {
  it("answers a patient's message automatically, once, in the patient's language", async () => {
    await setWorkingHours(server.deps, 'never');
    try {
      expect((await ben.client.send('PATCH', '/api/me', { locale: 'ar' })).status).toBe(200);
      const start = ben.received.length;
      sent(await send(ben.socket, benThread, 'Is the clinic open?'));
      await until(() => ben.received.slice(start).some((m) => m.kind === 'auto'), 3000, 'automatic answer');
      const auto = ben.received.slice(start).find((m) => m.kind === 'auto') as Message;
      expect(auto.senderId).toBeNull();
      expect(auto.body).toContain('112');
      expect(auto.body).toMatch(/[\u0600-\u06ff]/);
      sent(await send(ben.socket, benThread, 'Second question'));
      await sleep(400);
      expect(ben.received.slice(start).filter((m) => m.kind === 'auto')).toHaveLength(1);
    } finally {
      await setWorkingHours(server.deps, 'always');
      await ben.client.send('PATCH', '/api/me', { locale: 'en' });
    }
  });
});

describe('navigator inbox', () => {
  it('hands a thread over to another navigator and offers reply templates in the patient language', async () => {
    const lead = await person(server.url, 'lead');
    const res = await nora.client.send('POST', `/api/threads/${benThread}/handover`, { navigatorId: lead.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { assignedNavigatorId: string; message: Message };
    expect(body.assignedNavigatorId).toBe(lead.id);
    expect(body.message.kind).toBe('system');
    const leads = await threadsOf(lead.client);
    expect(leads.find((t) => t.id === benThread)?.assignedNavigatorId).toBe(lead.id);
    expect((await ben.client.send('POST', `/api/threads/${benThread}/handover`, { navigatorId: lead.id })).status).toBe(403);
    expect((await nora.client.send('POST', `/api/threads/${benThread}/handover`, { navigatorId: ana.id })).status).toBe(404);

    expect((await ben.client.send('PATCH', '/api/me', { locale: 'es' })).status).toBe(200);
    const t = (await (await nora.client.get(`/api/threads/${benThread}/templates`)).json()) as { locale: string; templates: Array<{ key: string; text: string }> };
    expect(t.locale).toBe('es');
    expect(t.templates.find((x) => x.key === 'received')?.text).toContain('Gracias');
    expect((await ana.client.get(`/api/threads/${anaThread}/templates`)).status).toBe(403);
    await ben.client.send('PATCH', '/api/me', { locale: 'en' });
    lead.socket.disconnect();
  });
});

describe('offline e-mail notification', () => {
  it('an offline member gets an e-mail with only a link after a short delay; reading first cancels it; mute silences it', async () => {
    const sam = await person(server.url, 'sam');
    sam.socket.disconnect();
    nora.socket.disconnect();
    const canary = `CANARY-${randomUUID()}`;
    await sleep(600); // e-mails about earlier tests' messages have gone out
    const ours = (to: string) => smtp.mails.filter((x) => x.to.includes(to) && x.raw.includes('Subject: You have a new message in Wayfinder'));
    const first = { nora: ours('nora@demo.test').length, sam: ours('sam@demo.test').length };
    sent(await send(ana.socket, anaThread, `My biopsy result is ${canary}`));
    await until(() => ours('nora@demo.test').length > first.nora, 8000, 'e-mail to Nora');
    const mail = ours('nora@demo.test').at(-1)!;
    const text = mailText(mail.raw);
    expect(text).toContain(`/navigator/messages/${anaThread}`);
    expect(mail.raw).not.toContain(canary);
    expect(mail.raw).not.toContain('biopsy');
    expect(mail.raw).not.toContain('Ana');
    await until(() => ours('sam@demo.test').length > first.sam, 8000, 'e-mail to Sam');

    // Nora reads before the delay is over: no second e-mail. Sam muted the thread: none for him either.
    messagingSettings.notifyDelayMs = 1500;
    expect((await sam.client.send('PUT', `/api/threads/${anaThread}/mute`, { muted: true })).status).toBe(204);
    const count = (to: string) => ours(to).length;
    const before = { nora: count('nora@demo.test'), sam: count('sam@demo.test') };
    await sleep(500); // the first e-mail's pending key has expired
    const second = sent(await send(ana.socket, anaThread, 'another one'));
    const key = `${server.env.REDIS_PREFIX}:msg:pending-notify:${anaThread}:${nora.id}`;
    await until(async () => (await server.deps.redis.get(key)) !== null, 3000, 'pending notification');
    expect((await nora.client.send('POST', `/api/threads/${anaThread}/read`, { seq: second.seq })).status).toBe(200);
    expect(await server.deps.redis.get(key)).toBeNull();
    await sleep(2500);
    expect(count('nora@demo.test')).toBe(before.nora);
    expect(count('sam@demo.test')).toBe(before.sam);
    ({ socket: nora.socket, received: nora.received } = await openSocket(server.url, nora.client.cookie));
  }, 30_000);
});

describe('S22: attachments', () => {
  it('type by content, size limit, stored outside the web root, members only, attachment disposition, every download audited', async () => {
    const okRes = await upload(ana, anaThread, PNG, 'scan.pdf', 'application/pdf');
    expect(okRes.status).toBe(201);
    const png = ((await okRes.json()) as { attachment: AttachmentInfo }).attachment;
    expect(png).toMatchObject({ contentType: 'image/png', fileName: 'scan.png', size: PNG.length });
    const pdfRes = await upload(ana, anaThread, PDF, '../../etc/"report".pdf');
    const pdf = ((await pdfRes.json()) as { attachment: AttachmentInfo }).attachment;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', fileName: 'report.pdf' });

    for (const [bytes, name] of [
      [Buffer.from('just text, not a PDF'), 'report.pdf'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'image.png'],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'x.jpg'],
      [Buffer.alloc(0), 'empty.pdf'],
    ] as const) {
      const res = await upload(ana, anaThread, bytes, name);
      expect([name, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([name, 400, 'invalid']);
    }
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooBig = await upload(ana, anaThread, big, 'big.pdf');
    expect(tooBig.status).toBe(400);

    // On disk under UPLOAD_DIR, named by id, outside the web root.
    const root = resolve(server.deps.config.uploadDir);
    expect(existsSync(resolve(root, png.id))).toBe(true);
    expect(relative(resolve(server.deps.config.webDist), root).startsWith('..')).toBe(true);
    expect((await fetch(`${server.url}/${png.id}`)).headers.get('content-type')).not.toBe('image/png');

    // Before it is sent only the uploader can fetch it.
    expect((await nora.client.get(`/api/attachments/${png.id}`)).status).toBe(404);
    const msg = sent(await send(ana.socket, anaThread, 'My scan', randomUUID(), { attachmentIds: [png.id, pdf.id] }));
    expect(msg.attachments.map((a) => a.id).sort()).toEqual([png.id, pdf.id].sort());
    expect((await send(ana.socket, anaThread, 'again', randomUUID(), { attachmentIds: [png.id] })).ok).toBe(false);

    for (let i = 0; i < 2; i++) {
      const res = await nora.client.get(`/api/attachments/${png.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="scan.png"; filename*=UTF-8''scan.png`);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const downloads = await server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'attachment.download'), eq(auditLog.targetId, png.id))).orderBy(auditLog.seq);
    expect(downloads).toHaveLength(2);
    expect(downloads.every((d) => d.actor === nora.id && d.patientId === ana.id)).toBe(true);

    const benTry = await ben.client.get(`/api/attachments/${png.id}`);
    const missing = await ben.client.get(`/api/attachments/${randomUUID()}`);
    expect(benTry.status).toBe(404);
    expect(await benTry.json()).toEqual(await missing.json());
    expect((await fetch(`${server.url}/api/attachments/${png.id}`)).status).toBe(401);
    expect((await upload(ben, anaThread, PNG, 'x.png')).status).toBe(404);
    const denied = await server.deps.db.select().from(auditLog).where(sql`${auditLog.actor} = ${ben.id} and ${auditLog.outcome} = 'denied'`).orderBy(auditLog.seq);
    expect(denied.length).toBeGreaterThan(0);
  });
});
