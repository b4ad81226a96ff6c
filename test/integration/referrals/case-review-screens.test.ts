import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecialistHomeView } from '../../../src/contracts/home.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { login, type Client } from '../../support/client.ts';
import { benPacketWithUploads, PNG } from '../../support/referral-packet.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { videoAppointment } from '../video/fixtures.ts';
import { json } from './support.ts';

let server: TestServer;
const as: Record<string, Client> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['ben', 'nora', 'sam', 'rhea']) as[name] = await login(server.url, `${name}@demo.test`);
}, 60_000);
afterAll(() => server.close());


const audited = (action: string, targetId: string) =>
  server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

describe('what the case-review screens need from the server', () => {
  it('the specialist home lists consultations to join, referrals due and upcoming case reviews; the packet viewer is audited; the agenda schedules; the summary names its site', async () => {
    const packet = await benPacketWithUploads(server.url, as.ben!, as.nora!);
    const call = await videoAppointment(server.deps, { patient: 'ben@demo.test', participants: ['rhea@demo.test'], startsInMinutes: 30 });
    const sites = await json<{ sites: Array<{ id: string; name: string }> }>(await as.rhea!.get('/api/directory/sites'), 200);
    const northgate = sites.sites.find((s) => s.name.startsWith('Northgate'))!.id;
    const session = await json<{ id: string }>(await as.rhea!.send('POST', '/api/case-reviews', { siteId: northgate, title: 'Thoracic board', startsAt: new Date(Date.now() + 86_400_000).toISOString() }), 201);

    const home = await json<SpecialistHomeView>(await as.rhea!.get('/api/home/specialist'), 200);
    expect(home.consultations.map((a) => a.id)).toEqual([call]);
    expect(home.incoming.map((r) => r.id)).toContain(packet.referralId);
    expect(home.caseReviews).toEqual([expect.objectContaining({ id: session.id, title: 'Thoracic board', status: 'scheduled', role: 'host' })]);
    // Sam acts for the same site but neither hosts nor joins Rhea's session, and is on no call.
    const sams = await json<SpecialistHomeView>(await as.sam!.get('/api/home/specialist'), 200);
    expect(sams.caseReviews).toEqual([]);
    expect(sams.consultations).toEqual([]);
    expect(sams.incoming.map((r) => r.id)).toContain(packet.referralId);
    await json(await as.nora!.get('/api/home/specialist'), 403);

    // The packet viewer shows the image inline, still under the sandbox CSP; each view leaves an audit row.
    const inline = await as.rhea!.get(`/api/referrals/${packet.referralId}/packet/${packet.imageItemId}/file?inline=1`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="scan.png"/);
    expect(inline.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox; frame-ancestors 'self'");
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await inline.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await audited('referral.packet.view_file', packet.imageItemId)).toHaveLength(1);
    const download = await as.rhea!.get(`/api/referrals/${packet.referralId}/packet/${packet.imageItemId}/file`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    await download.arrayBuffer();
    expect(await audited('referral.packet.download', packet.imageItemId)).toHaveLength(1);
    await json(await as.rhea!.get(`/api/referrals/${packet.referralId}/packet/${packet.imageItemId}/file?inline=yes`), 400);

    // On the agenda the accepted referral is scheduled for the session; the form learns Ben's language.
    const agenda = await json<{ agenda: Array<{ referralId: string; state: string; patientLocale: string | null }> }>(
      await as.rhea!.send('POST', `/api/case-reviews/${session.id}/agenda`, { referralId: packet.referralId }),
      201,
    );
    expect(agenda.agenda).toEqual([expect.objectContaining({ referralId: packet.referralId, state: 'scheduled', patientLocale: 'en' })]);
    await json(await as.rhea!.send('POST', `/api/case-reviews/${session.id}/agenda`, { referralId: packet.referralId }), 409);

    await json(await as.ben!.send('PATCH', '/api/me', { locale: 'es' }), 200);
    const recommendation = { caseReviewId: session.id, diagnosis: 'confirmed', treatment: ['chemoradiotherapy'], trials: [{ registryId: 'NCT01234567', title: 'Trimodality study' }], followUp: { with: 'shared', inWeeks: 6 }, noteForPatient: 'Podemos hablar en la próxima visita.', noteLanguage: 'es' };
    await json(await as.rhea!.send('POST', `/api/referrals/${packet.referralId}/recommendation`, recommendation), 201);
    const summary = await json<{ locale: string; siteName: string; writtenAt: string; paragraphs: string[]; note: { text: string; language: string } }>(await as.ben!.get(`/api/referrals/${packet.referralId}/summary`), 200);
    expect(summary).toMatchObject({ locale: 'es', siteName: 'Northgate Reference Centre', note: { text: 'Podemos hablar en la próxima visita.', language: 'es' } });
    expect(Date.parse(summary.writtenAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
