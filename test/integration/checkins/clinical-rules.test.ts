import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DEFAULT_LADDER } from '../../../src/checkins/rule-defaults.ts';
import { connected, connectSocket, login, nextEvent, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { demoIds, submit } from './helpers.ts';

let server: TestServer;
let ana: Client;
let ben: Client;
let nora: Client;
let carl: Client;
let lead: Client;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  server = await startTestServer();
  ids = await demoIds(server);
  [ana, ben, nora, carl, lead] = (await Promise.all(['ana', 'ben', 'nora', 'carl', 'lead'].map((n) => login(server.url, `${n}@demo.test`)))) as [Client, Client, Client, Client, Client];
}, 120_000);
afterAll(async () => server?.close(), 60_000);

interface Version { id: string; version: number; note: string; changeSource: string | null; createdBy: string; draft: { rules: Array<{ id: string; min?: number; max?: number }>; ladder: typeof DEFAULT_LADDER; crisis: unknown; sources: unknown[] } }

describe('fever during systemic therapy (check-in item)', () => {
  it('not on therapy: 38.5 °C raises nothing; once the navigator sets the flag, 100.4 °F is urgent with crisis resources', async () => {
    expect((await submit(ben, 'fever', { temperature: 38.5, fever_or_chills: 1 })).alerts).toEqual([]);
    expect((await ben.get(`/api/patients/${ids.ben}/clinical-flags`)).status).toBe(403);
    const set = await nora.send('PUT', `/api/patients/${ids.ben}/clinical-flags`, { onSystemicTherapy: true });
    expect(await set.json()).toMatchObject({ onSystemicTherapy: true });
    const out = await submit(ben, 'fever', { temperature: 100.4, unit: 'F', fever_or_chills: 0 });
    expect(out.alerts.map((a) => a.severity)).toEqual(['urgent']);
    expect(out.alerts[0]!.reasons[0]!.text).toContain('Temperature 38 °C during systemic therapy');
    expect(out.crisis).toMatchObject({ country: 'ES', emergency: '112' });
  });
  it('a chemotherapy item of the treatment plan counts as systemic therapy too', async () => {
    const add = await nora.send('POST', '/api/treatment-plan-items', { patientId: ids.ana, kind: 'chemotherapy', startsAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    expect(add.status).toBe(201);
    expect(await (await nora.get(`/api/patients/${ids.ana}/clinical-flags`)).json()).toMatchObject({ onSystemicTherapy: false, onSystemicTherapyByPlan: true });
    expect((await submit(ana, 'fever', { fever_or_chills: 1 })).alerts.map((a) => a.severity)).toEqual(['urgent']);
  });
});

describe('an urgent answer submitted by someone else', () => {
  it('a caregiver\'s urgent answer shows crisis resources live on the patient\'s own app (crisis:show)', async () => {
    const pat = connectSocket(server.url, ana.cookie);
    await connected(pat);
    const shown = nextEvent<{ country: string; emergency: string; locale: string }>(pat, 'crisis:show');
    const out = await submit(carl, 'esas-r', { pain: 10, tiredness: 0, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 }, { patientId: ids.ana });
    expect(out.alerts[0]!.severity).toBe('urgent');
    // Carl reads Spanish; Ana's screen shows her own language and her country's numbers.
    expect(await shown).toMatchObject({ country: 'ES', emergency: '112', locale: 'en' });
    pat.close();
  });
});

describe('DT problem categories', () => {
  it('appear in the alert reasons with the service they route to', async () => {
    const out = await submit(ben, 'distress-thermometer', { score: 6, problems: ['insurance_money', 'worry'] });
    const texts = out.alerts[0]!.reasons.map((r) => r.text);
    expect(texts).toContain('Problem area ticked: Practical concerns. Follow-up by social work.');
    expect(texts).toContain('Problem area ticked: Emotional concerns. Follow-up by psycho-oncology.');
  });
});

describe('the rules editor (clinical lead)', () => {
  it('a navigator reads but cannot publish; the lead publishes with why and source, previews, and restores', async () => {
    const current = (await (await nora.get('/api/clinical-rules')).json()) as Version;
    const draft = { ...current.draft, rules: current.draft.rules.map((r) => (r.id === 'esas.moderate' ? { ...r, min: 5 } : r)) };
    expect((await nora.send('PUT', '/api/clinical-rules', { draft, note: 'fewer moderate alerts', changeSource: 'Selby 2010' })).status).toBe(403);
    // An urgent level in working days, or without steps, is refused.
    const badLadder = { ...draft, ladder: { ...draft.ladder, urgent: { ack: { amount: 1, unit: 'working_days' }, steps: [] } } };
    const refused = await lead.send('PUT', '/api/clinical-rules', { draft: badLadder, note: 'bad', changeSource: 'none given' });
    expect(refused.status).toBe(400);

    const preview = await lead.send('POST', '/api/clinical-rules/preview', { draft, days: 90 });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { current: { checkins: number; bySeverity: Record<string, { alerts: number; patients: string[] }> }; draft: typeof p.current; patients: Array<{ id: string; name: string }> };
    expect(p.current.checkins).toBeGreaterThan(0);
    // Raising the moderate floor from 4 to 5 can only remove moderate alerts.
    expect(p.draft.bySeverity.moderate!.alerts).toBeLessThanOrEqual(p.current.bySeverity.moderate!.alerts);
    expect(p.patients.map((x) => x.name)).toContain('Ana García');

    const published = (await (await lead.send('PUT', '/api/clinical-rules', { draft, note: 'fewer moderate alerts', changeSource: 'Selby 2010' })).json()) as Version;
    expect(published).toMatchObject({ note: 'fewer moderate alerts', changeSource: 'Selby 2010', createdBy: ids.lead });
    // ESAS 4 is no longer moderate under the published rules; the reason quotes the rule's own range.
    expect((await submit(ben, 'esas-r', { pain: 0, tiredness: 4, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 })).alerts).toEqual([]);
    const five = await submit(ben, 'esas-r', { pain: 0, tiredness: 5, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 });
    expect(five.alerts[0]!.reasons[0]!.text).toBe('Tiredness (lack of energy) rated 5: moderate (5 to 6).');

    const versions = (await (await lead.get('/api/clinical-rules/versions')).json()) as { versions: Version[] };
    expect(versions.versions[0]!.version).toBe(published.version);
    const again = (await (await lead.send('PUT', '/api/clinical-rules', { draft: current.draft, note: 'defaults again', changeSource: 'CLINICAL.md' })).json()) as Version;
    const back = await lead.send('POST', `/api/clinical-rules/versions/${published.version}/restore`, { note: 'the 5 floor was right' });
    expect(back.status).toBe(200);
    const now = (await back.json()) as Version;
    expect(now.version).toBe(again.version + 1);
    expect(now.draft.rules.find((r) => r.id === 'esas.moderate')!.min).toBe(5);
    expect(now.changeSource).toContain(`Restored version ${published.version}`);
  });
});
