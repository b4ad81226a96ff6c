import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { assertNoPageErrors, expectAccessible, launchBrowser, newPage, saveScreenshot } from '../support/browser.ts';

let server: TestServer;
let browser: Browser;
const ids: Record<string, string> = {};
let nora: Client;

// Madrid wall-clock times, 20 days ahead: the browser runs in Europe/Madrid too.
const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const madrid = (hhmm: string) => new Date(`${day}T${hhmm}:00${offsetOn(day)}`).toISOString();
function offsetOn(date: string) {
  const probe = new Date(`${date}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Madrid', hour: '2-digit', hourCycle: 'h23' }).format(probe);
  return Number(local) - 12 === 2 ? '+02:00' : '+01:00';
}

beforeAll(async () => {
  // WEB_DIST: the web build to serve (CI builds web/dist first; set E2E_WEB_DIST to test another build).
  [server, browser] = await Promise.all([startTestServer(process.env.E2E_WEB_DIST ? { WEB_DIST: process.env.E2E_WEB_DIST } : {}), launchBrowser()]);
  nora = await login(server.url, 'nora@demo.test');
  for (const name of ['ana', 'carl', 'sam']) ids[name] = (await login(server.url, `${name}@demo.test`)).me.id;
  const { sites } = (await (await nora.get('/api/scheduling/sites')).json()) as { sites: Array<{ id: string; name: string }> };
  const site = (prefix: string) => sites.find((s) => s.name.startsWith(prefix))!.id;
  expect((await nora.send('PUT', '/api/scheduling/travel-times', { fromSiteId: site('Northgate'), toSiteId: site('Lakeside'), minutes: 90 })).status).toBe(204);
  const book = async (body: Record<string, unknown>) => expect((await nora.send('POST', '/api/appointments', { patientId: ids.ana, participantIds: [], ...body })).status).toBe(201);
  await book({
    kind: 'in_person',
    siteId: site('Northgate'),
    startsAt: madrid('09:00'),
    endsAt: madrid('10:00'),
    participantIds: [ids.sam, ids.carl],
    logistics: { interpreterNeeded: true, interpreterLanguage: 'es', travelNotes: 'Taxi at 08:15', bring: ['CT scans', 'Medication list'] },
  });
  await book({ kind: 'in_person', siteId: site('Lakeside'), startsAt: madrid('11:00'), endsAt: madrid('12:00') });
  await nora.send('POST', '/api/treatment-plan-items', { patientId: ids.ana, kind: 'chemotherapy', startsAt: new Date(Date.parse(madrid('09:00')) + 7 * 86_400_000).toISOString(), cycle: 1, cyclesTotal: 6 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(email: string): Promise<Page> {
  const page = await newPage(browser, { baseURL: server.url, timezoneId: 'Europe/Madrid' });
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-pass-1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}

describe('appointments in the browser', () => {
  test('the navigator sees the travel conflict and schedules a video call', async () => {
    const page = await signedIn('nora@demo.test');
    await page.getByRole('link', { name: 'Scheduling' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scheduling' }).waitFor();
    const conflicts = page.getByRole('group', { name: 'Conflicts' });
    await conflicts.first().waitFor();
    expect(await conflicts.first().textContent()).toContain('the journey takes 90 minutes');
    await expectAccessible(page);
    await saveScreenshot(page, 'appointments-navigator');

    await page.getByLabel('Type').selectOption('video');
    await page.getByRole('region', { name: 'New appointment' }).getByLabel('Starts').fill(`${day}T15:00`);
    await page.getByRole('region', { name: 'New appointment' }).getByLabel('Ends').fill(`${day}T15:30`);
    await page.getByRole('checkbox', { name: /Dr Sam Okafor/ }).check();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Appointment scheduled.' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /Video call/ }).waitFor();
    await expectAccessible(page);
    await assertNoPageErrors(page);
    await page.context().close();
  });

  test('the patient sees what is next with what to bring, confirms, asks for a change, and sees the timeline', async () => {
    const page = await signedIn('ana@demo.test');
    await page.getByRole('link', { name: 'Appointments' }).click();
    await page.getByRole('heading', { level: 1, name: "What's next" }).waitFor();
    const next = page.getByRole('region', { name: 'Your next step' });
    await next.getByText('Northgate Reference Centre').waitFor();
    expect(await next.textContent()).toContain('What to bring: CT scans, Medication list');
    expect(await next.textContent()).toContain('An interpreter will be there (es).');
    expect(await next.textContent()).toContain('09:00');
    await expectAccessible(page);

    await next.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'You confirmed this appointment.' }).waitFor();
    await next.getByRole('button', { name: 'Ask for a change' }).click();
    await next.getByLabel('Why do you need a change?').fill('I have chemotherapy that morning');
    await next.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').filter({ hasText: 'Your navigator has your request.' }).waitFor();

    const timeline = page.getByRole('region', { name: 'Care timeline' });
    await timeline.getByText('Chemotherapy (cycle 1 of 6)').waitFor();
    expect(await timeline.getByRole('img').getAttribute('aria-label')).toContain('Appointment at Lakeside General Hospital');
    await expectAccessible(page);
    await saveScreenshot(page, 'appointments-patient');

    await page.getByRole('button', { name: 'Create my calendar link' }).click();
    const url = await page.getByLabel('Your private calendar link').inputValue();
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VEVENT');
    await expectAccessible(page);
    await assertNoPageErrors(page);
    await page.context().close();
  });
});
