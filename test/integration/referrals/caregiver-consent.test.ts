import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inappNotifications } from '../../../src/notifications/tables.ts';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { json, useReferralServer } from './support.ts';

const ctx = useReferralServer(['ana', 'carl', 'nora']);
const { as, ids } = ctx;

type Consent = { status: string; byCaregiver: boolean; declinedAt: string | null };
type Detail = { mayAnswerConsent: boolean; consent: Consent };

async function askedReferral() {
  const r = await json<{ id: string }>(await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'second_opinion', toSiteId: ids.northgate, topography: 'C49.2', morphology: '8890/3' }), 201);
  await json(await as.nora!.send('POST', `/api/referrals/${r.id}/consent/request`, {}), 200);
  return r.id;
}

const setCarlScopes = async (scopes: string[]) => json(await as.ana!.send('PUT', '/api/me/caregivers', { caregiverId: ids.carl, scopes }), 204);

describe('a caregiver the patient allowed to answer referral consent', () => {
  it('answers only while the patient grants referral_consent; revoking the scope ends it at the next answer', async () => {
    const { caregivers } = await json<{ caregivers: Array<{ id: string; scopes: string[] }> }>(await as.ana!.get('/api/me/caregivers'), 200);
    const before = caregivers.find((c) => c.id === ids.carl)!.scopes;
    expect(before).not.toContain('referral_consent');
    const id = await askedReferral();

    // Without the scope: read-only, every answer refused.
    expect((await json<Detail>(await as.carl!.get(`/api/referrals/${id}`), 200)).mayAnswerConsent).toBe(false);
    await json(await as.carl!.send('PUT', `/api/referrals/${id}/consent`, { method: 'in_app' }), 403);
    await json(await as.carl!.send('POST', `/api/referrals/${id}/consent/decline`, {}), 403);

    // Ana ticks the scope: Carl agrees for her, and the audit names him acting for her.
    await setCarlScopes([...before, 'referral_consent']);
    expect((await json<Detail>(await as.carl!.get(`/api/referrals/${id}`), 200)).mayAnswerConsent).toBe(true);
    const given = await json<Consent>(await as.carl!.send('PUT', `/api/referrals/${id}/consent`, { method: 'in_app' }), 200);
    expect(given).toMatchObject({ status: 'active', byCaregiver: true });
    expect((await json<Detail>(await as.ana!.get(`/api/referrals/${id}`), 200)).consent).toMatchObject({ status: 'active', byCaregiver: true });
    const [row] = await ctx.server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.consent.grant'), eq(auditLog.targetId, id)));
    expect(row).toMatchObject({ actor: ids.carl, actorRole: 'caregiver', patientId: ids.ana, details: expect.objectContaining({ onBehalfOfPatient: true }) });

    // A second request: Carl declines it for her.
    const other = await askedReferral();
    expect(await json<Consent>(await as.carl!.send('POST', `/api/referrals/${other}/consent/decline`, {}), 200)).toMatchObject({ declinedAt: expect.any(String) });
    const [declined] = await ctx.server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.consent.decline'), eq(auditLog.targetId, other)));
    expect(declined).toMatchObject({ actor: ids.carl, patientId: ids.ana });

    // Ana takes the scope back: the very next answer by Carl is refused, and he reads only.
    await setCarlScopes(before);
    await json(await as.carl!.send('DELETE', `/api/referrals/${id}/consent`), 403);
    expect((await json<Detail>(await as.carl!.get(`/api/referrals/${id}`), 200)).mayAnswerConsent).toBe(false);
    const third = await askedReferral();
    await json(await as.carl!.send('PUT', `/api/referrals/${third}/consent`, { method: 'in_app' }), 403);
    // The patient still decides herself.
    await json(await as.ana!.send('DELETE', `/api/referrals/${id}/consent`), 200);
  });

  it('reaches the request with referral_consent alone: on the home and the referral, without the records scope', async () => {
    await setCarlScopes(['referral_consent']);
    const id = await askedReferral();
    await expect
      .poll(async () => (await ctx.server.deps.db.select().from(inappNotifications).where(and(eq(inappNotifications.userId, ids.carl!), eq(inappNotifications.template, 'referralflow.consentRequested')))).some((n) => n.refs.referralId === id), { timeout: 10_000 })
      .toBe(true);
    const home = await json<{ consentRequests: Array<{ referralId: string }> | null; boardSummaries: unknown }>(await as.carl!.get(`/api/home?patientId=${ids.ana}`), 200);
    expect(home.consentRequests?.map((c) => c.referralId)).toContain(id);
    expect(home.boardSummaries).toBeNull();
    expect((await json<Detail>(await as.carl!.get(`/api/referrals/${id}`), 200)).mayAnswerConsent).toBe(true);
    await setCarlScopes(['messages', 'checkins', 'appointments', 'records']);
  });
});
