import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, connectSocket, login, nextEvent, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { demoIds, ESAS_ZERO, PHQ_ZERO, submit } from './helpers.ts';

let server: TestServer;
let ana: Client;
let ben: Client;
let nora: Client;
let carl: Client;
let sam: Client;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  server = await startTestServer();
  ids = await demoIds(server);
  [ana, ben, nora, carl, sam] = (await Promise.all(['ana', 'ben', 'nora', 'carl', 'sam'].map((n) => login(server.url, `${n}@demo.test`)))) as [Client, Client, Client, Client, Client];
}, 120_000);
afterAll(async () => server?.close(), 60_000);

describe('POST /api/checkins (public contract)', () => {
  it('scores an ESAS-r report and answers {id, scores, alerts:[{id, severity, reasons}]} with readable reasons', async () => {
    const out = await submit(ben, 'esas-r', { ...ESAS_ZERO, pain: 7, nausea: 5 });
    expect(out.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.scores.total).toBe(12);
    const high = out.alerts.find((a) => a.severity === 'high')!;
    expect(high.reasons).toEqual([{ key: 'reason.itemSevere', params: { instrument: 'esas-r', item: 'pain', value: 7, threshold: 7, min: 7 }, text: 'Pain rated 7: severe (7 or more).' }]);
    const moderate = out.alerts.find((a) => a.severity === 'moderate')!;
    expect(moderate.reasons[0]!.text).toBe('Nausea rated 5: moderate (4 to 6).');
  });

  it('renders reasons in the caller\'s locale (Carl, a Spanish-speaking caregiver with the checkins scope, submits for Ana)', async () => {
    const out = await submit(carl, 'distress-thermometer', { score: 8, problems: ['worry', 'housing'] }, { patientId: ids.ana });
    expect(out.alerts).toHaveLength(1);
    expect(out.alerts[0]!.severity).toBe('high');
    expect(out.alerts[0]!.reasons[0]!.text).toBe('Malestar emocional de 8 sobre 10: intenso (7 o más).');
  });

  it('a caregiver must name the patient; another patient is not_found like a missing one', async () => {
    const noPatient = await carl.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 } });
    expect(noPatient.status).toBe(400);
    const other = await carl.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 }, patientId: ids.ben });
    const missing = await carl.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 }, patientId: '00000000-0000-4000-8000-000000000000' });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
    const patientForOther = await ana.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 }, patientId: ids.ben });
    expect(patientForOther.status).toBe(404);
  });

  it.each([
    ['esas-r', { ...ESAS_ZERO, pain: undefined }, 'answers.pain'],
    ['esas-r', { ...ESAS_ZERO, wellbeing: 11 }, 'answers.wellbeing'],
    ['esas-r', { ...ESAS_ZERO, anxiety: -1 }, 'answers.anxiety'],
    ['esas-r', { ...ESAS_ZERO, pain: 3.5 }, 'answers.pain'],
    ['phq-9', { ...PHQ_ZERO, item9: 4 }, 'answers.item9'],
    ['phq-9', { ...PHQ_ZERO, item4: '2' }, 'answers.item4'],
    ['distress-thermometer', { problems: [] }, 'answers.score'],
    ['distress-thermometer', { score: 3, problems: ['not_a_problem'] }, 'answers.problems.0'],
    ['ecog', { grade: 6 }, 'answers.grade'],
    ['pro-ctcae', {}, 'answers.pain_frequency'],
    ['esas-r', { ...ESAS_ZERO, extra: 1 }, 'answers'],
  ])('%s with %o is invalid and names %s', async (instrument, answers, field) => {
    const res = await ana.send('POST', '/api/checkins', { instrument, answers });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.details.map((d) => d.path)).toContain(field);
    expect(body.error.message).toContain(field);
  });

  it('an unknown instrument is invalid', async () => {
    const res = await ana.send('POST', '/api/checkins', { instrument: 'sf-36', answers: {} });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]!.path).toBe('instrument');
  });

  it('a clinician may enter ECOG for a patient on their care team, and nothing else', async () => {
    const res = await sam.send('POST', '/api/checkins', { instrument: 'ecog', answers: { grade: 1 }, patientId: ids.ana });
    expect(res.status).toBe(201);
    const esas = await sam.send('POST', '/api/checkins', { instrument: 'esas-r', answers: ESAS_ZERO, patientId: ids.ana });
    expect(esas.status).toBe(403);
  });

  it('the same Idempotency-Key twice leaves one check-in and the same answer (S14)', async () => {
    const headers = { 'idempotency-key': 'phq-retry-0001' };
    const [a, b] = await Promise.all([
      ben.send('POST', '/api/checkins', { instrument: 'phq-9', answers: { ...PHQ_ZERO, item1: 3, item2: 3, item3: 3, item4: 1 } }, headers),
      ben.send('POST', '/api/checkins', { instrument: 'phq-9', answers: { ...PHQ_ZERO, item1: 3, item2: 3, item3: 3, item4: 1 } }, headers),
    ]);
    const [ja, jb] = [await a.json(), await b.json()];
    expect(ja).toEqual(jb);
    const rows = await server.deps.db.query.checkins.findMany({ where: (c, { eq }) => eq(c.id, (ja as { id: string }).id) });
    expect(rows).toHaveLength(1);
    const phq = await server.deps.db.query.checkins.findMany({ where: (c, { and, eq }) => and(eq(c.patientId, ids.ben), eq(c.instrument, 'phq-9')) });
    expect(phq).toHaveLength(1);
  });
});

describe('comparison with the previous report', () => {
  it('worsening by 1 is not an alert; by 2 it is (high), named with both values', async () => {
    await submit(ben, 'esas-r', { ...ESAS_ZERO, depression: 1 });
    const by1 = await submit(ben, 'esas-r', { ...ESAS_ZERO, depression: 2 });
    expect(by1.alerts).toEqual([]);
    const by2 = await submit(ben, 'esas-r', { ...ESAS_ZERO, depression: 4 });
    expect(by2.alerts.map((a) => a.severity)).toEqual(['high', 'moderate']);
    expect(by2.alerts[0]!.reasons[0]!.text).toBe('Depression (feeling sad) is worse by 2 points since the last report (2 to 4).');
  });

  it.each([
    ['esas-r', { ...ESAS_ZERO, pain: 6 }, ['moderate']],
    ['esas-r', { ...ESAS_ZERO, pain: 7 }, ['high']],
    ['distress-thermometer', { score: 3, problems: [] }, []],
    ['distress-thermometer', { score: 4, problems: [] }, ['moderate']],
    ['phq-9', { ...PHQ_ZERO, item9: 0 }, []],
    ['phq-9', { ...PHQ_ZERO, item9: 1 }, ['urgent']],
  ])('%s %o -> %o (through the API)', async (instrument, answers, severities) => {
    const fresh = await login(server.url, 'ana@demo.test');
    // The same report twice: the second has no change from the previous, so only the threshold can fire.
    await submit(fresh, instrument, answers);
    const out = await submit(fresh, instrument, answers);
    expect(out.alerts.map((a) => a.severity)).toEqual(severities);
  });
});

describe('urgent path', () => {
  it('PHQ-9 item 9 = 1 with a total of 1: urgent alert, crisis resources in the answer and pushed to the patient, alert:new to the navigator', async () => {
    const nav = connectSocket(server.url, nora.cookie);
    const pat = connectSocket(server.url, ana.cookie);
    await Promise.all([connected(nav), connected(pat)]);
    const gotAlert = nextEvent<{ id: string; severity: string; reasons: Array<{ text: string }>; patientName: string }>(nav, 'alert:new');
    const gotCrisis = nextEvent<{ emergency: string; country: string; lines: Array<{ phone: string }> }>(pat, 'crisis:show');
    const out = await submit(ana, 'phq-9', { ...PHQ_ZERO, item9: 1 });
    expect(out.scores.total).toBe(1);
    expect(out.alerts.map((a) => a.severity)).toEqual(['urgent']);
    // Ana reads English but is treated in Spain (her site): Spain's numbers, never the US 988 (issue 16).
    expect(out.crisis?.lines.map((l) => l.phone)).toEqual(['024', '717 003 717']);
    const pushed = await gotAlert;
    expect(pushed.id).toBe(out.alerts[0]!.id);
    expect(pushed.patientName).toBe('Ana García');
    expect(pushed.reasons[0]!.text).toContain('PHQ-9 question 9');
    expect(await gotCrisis).toMatchObject({ country: 'ES', emergency: '112' });
    nav.close();
    pat.close();
    // The on-call navigator (Nora in the demo rota) gets in-app and e-mail at once.
    const job = await server.deps.queues.get('notifications').getJob(`alert.${out.alerts[0]!.id}.urgent.${ids.nora}`);
    expect(job?.data).toMatchObject({ userId: ids.nora, template: 'checkins.alertUrgent', channels: ['inapp', 'email'] });
    // No PHI in job data: ids and codes only.
    expect(JSON.stringify(job?.data)).not.toContain('Ana');
  });
});

describe('GET /api/alerts', () => {
  it('lists the caseload\'s open alerts, most severe then most overdue first; patients cannot list', async () => {
    const res = await nora.get('/api/alerts?status=open');
    expect(res.status).toBe(200);
    const { alerts } = (await res.json()) as { alerts: Array<{ severity: string; dueAt: string; status: string }> };
    expect(alerts.length).toBeGreaterThanOrEqual(4);
    const rank = { urgent: 3, high: 2, moderate: 1 } as Record<string, number>;
    for (let i = 1; i < alerts.length; i++) {
      const [a, b] = [alerts[i - 1]!, alerts[i]!];
      expect(rank[a.severity]! > rank[b.severity]! || (a.severity === b.severity && a.dueAt <= b.dueAt)).toBe(true);
    }
    expect(alerts.every((a) => a.status === 'open')).toBe(true);
    expect((await ana.get('/api/alerts?status=open')).status).toBe(403);
    expect((await nora.get('/api/alerts?status=bogus')).status).toBe(400);
  });
});
