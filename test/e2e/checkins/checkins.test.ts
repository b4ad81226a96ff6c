import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const ctx = useServerAndBrowser();
const signedIn = (email: string, page: Record<string, unknown> = {}) => signIn(ctx, email, { page });

const apiCall = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [method, path, body] as const,
  );

describe('check-ins and triage in the browser', () => {
  test('patient on a phone: one question at a time, partial answers survive a reload, an urgent answer shows crisis resources at once', async () => {
    const ana = await signedIn('ana@demo.test', PHONE);
    await ana.goto('/patient/checkin');
    await ana.getByRole('heading', { level: 1, name: 'Symptom check-in' }).waitFor();
    await expectAccessible(ana);
    await ana.getByRole('button', { name: 'Start: Mood over the last two weeks' }).click();
    await ana.getByText('Question 1 of 9').waitFor();
    // Next without an answer asks for one.
    await ana.getByRole('button', { name: 'Next' }).click();
    await ana.getByRole('alert').filter({ hasText: 'Choose one answer to continue.' }).waitFor();
    await expectAccessible(ana);
    await saveScreenshot(ana, 'checkin-question-phone');
    for (let q = 1; q <= 3; q++) {
      await ana.getByRole('radio', { name: 'Not at all', exact: true }).check();
      await ana.getByRole('button', { name: 'Next' }).click();
    }
    await ana.getByText('Question 4 of 9').waitFor();
    await ana.reload();
    await ana.getByRole('button', { name: 'Continue where you left off: Mood over the last two weeks' }).click();
    await ana.getByText('Question 4 of 9').waitFor();
    for (let q = 4; q <= 8; q++) {
      await ana.getByRole('radio', { name: 'Not at all', exact: true }).check();
      await ana.getByRole('button', { name: 'Next' }).click();
    }
    await ana.getByText('Question 9 of 9').waitFor();
    await ana.getByRole('group', { name: /better off dead/ }).getByRole('radio', { name: 'Several days', exact: true }).check();
    await ana.getByRole('button', { name: 'Send my answers' }).click();
    await ana.getByRole('heading', { name: 'Help is available now' }).waitFor();
    // Ana reads English but is treated in Spain: Spain's crisis line, never the US 988 (issue 16).
    expect(await ana.getByRole('link', { name: 'Call 024' }).count()).toBe(1);
    expect(await ana.getByRole('link', { name: 'Call 988' }).count()).toBe(0);
    await ana.getByText('Your answers were sent to your care team.').waitFor();
    await expectAccessible(ana);
    await saveScreenshot(ana, 'checkin-crisis-phone');
    await ana.goto('/patient/crisis');
    await ana.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
    await expectAccessible(ana);
    await assertNoPageErrors(ana);
  });

  test('navigator triage queue: urgent first, live alert:new without reload, acknowledge and resolve', async () => {
    const nora = await signedIn('nora@demo.test');
    await nora.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage queue' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    await nora.getByText('Live updates on').waitFor();
    const first = nora.locator('.alert-card').first();
    await first.locator('.sev-urgent').waitFor();
    await expectAccessible(nora);
    // Ben reports severe nausea in another browser; the queue updates live.
    const ben = await signedIn('ben@demo.test');
    const sent = await apiCall(ben, 'POST', '/api/checkins', { instrument: 'esas-r', answers: { pain: 0, tiredness: 0, drowsiness: 0, nausea: 8, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 } });
    expect(sent.status).toBe(201);
    const benCard = nora.locator('.alert-card', { hasText: 'Ben Carter' });
    await benCard.getByText('Nausea rated 8: severe (7 or more).').waitFor();
    await benCard.getByRole('button', { name: 'Acknowledge' }).click();
    await benCard.getByText('Acknowledged').first().waitFor();
    await benCard.getByRole('button', { name: 'Resolve' }).click();
    await benCard.getByLabel('Action taken').selectOption('called_patient');
    await benCard.getByRole('button', { name: 'Save' }).click();
    await benCard.waitFor({ state: 'detached' });
    await saveScreenshot(nora, 'triage-queue');
    // The urgent alert's page, then the patient's symptoms page with trend chart and Hui prompts.
    await first.getByRole('link').first().click();
    await nora.getByRole('heading', { level: 1, name: /Urgent: Ana García/ }).waitFor();
    await expectAccessible(nora);
    await nora.getByRole('link', { name: 'Open patient' }).click();
    await nora.getByRole('heading', { level: 2, name: 'Symptoms' }).waitFor();
    await nora.locator('.recharts-surface').first().waitFor();
    await nora.getByRole('heading', { level: 2, name: 'Palliative care prompts (Hui criteria)' }).waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'patient-symptoms');
    await nora.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    await nora.locator('.recharts-surface').first().waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'measures');
    await assertNoPageErrors(nora);
  });

  test('Spanish wording ships; Arabic shows the original English instrument, marked, never machine-translated', async () => {
    const carl = await signedIn('carl@demo.test', PHONE);
    await carl.goto('/caregiver/checkin');
    await carl.getByRole('heading', { level: 1, name: 'Cuestionario de síntomas' }).waitFor();
    await carl.getByRole('button', { name: /Síntomas de hoy/ }).click();
    await carl.getByRole('group', { name: 'Dolor' }).waitFor();
    await expectAccessible(carl);
    const ana = await signedIn('ana@demo.test', PHONE);
    await ana.goto('/patient/checkin');
    await ana.getByRole('button', { name: 'العربية' }).click();
    await ana.getByRole('heading', { level: 1, name: 'استبيان الأعراض' }).waitFor();
    await ana.locator('.instrument-card').first().getByRole('button').click();
    await ana.getByText('يُعرض هذا الاستبيان بلغته الأصلية').waitFor();
    const legend = ana.locator('legend[lang="en"]').first();
    expect(await legend.textContent()).toBe('Pain');
    await expectAccessible(ana);
    await saveScreenshot(ana, 'checkin-arabic-original');
    await ana.getByRole('button', { name: 'English' }).click();
  });

  test('clinical lead: edits a threshold, previews the 90-day alert burden beside the current rules, publishes with why and source', async () => {
    const lead = await signedIn('lead@demo.test');
    await lead.goto('/navigator/clinical-rules');
    await lead.getByRole('heading', { level: 1, name: 'Clinical rules' }).waitFor();
    await expectAccessible(lead);
    await lead.getByLabel('esas.moderate From').fill('5');
    await lead.getByRole('button', { name: 'Preview the alert burden' }).click();
    await lead.getByRole('heading', { name: /Last 90 days of check-ins replayed/ }).waitFor();
    await expectAccessible(lead);
    await saveScreenshot(lead, 'rules-preview');
    await lead.getByLabel('Why this change').fill('Fewer moderate alerts for mild symptoms');
    await lead.getByLabel('Source cited for this change').fill('Selby 2010');
    await lead.getByRole('button', { name: 'Publish a new version' }).click();
    await lead.getByRole('status').filter({ hasText: /Version \d+ published/ }).waitFor();
    await lead.getByText('Why: Fewer moderate alerts for mild symptoms').first().waitFor();
    await expectAccessible(lead);
    await assertNoPageErrors(lead);
  });
});
