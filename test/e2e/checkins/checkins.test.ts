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
    await first.getByRole('heading').locator('.sev-urgent').waitFor();
    await expectAccessible(nora);
    // Ben reports severe nausea in another browser; the queue updates live.
    const ben = await signedIn('ben@demo.test');
    const sent = await apiCall(ben, 'POST', '/api/checkins', { instrument: 'esas-r', answers: { pain: 0, tiredness: 0, drowsiness: 0, nausea: 8, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 } });
    expect(sent.status).toBe(201);
    const benCard = nora.locator('.alert-card', { hasText: 'Ben Carter' });
    await benCard.getByText('Nausea rated 8: severe (7 or more).').waitFor();
    // One card per check-in: its buttons act on every alert that check-in raised.
    await benCard.getByRole('button', { name: /^Acknowledge/ }).click();
    await benCard.getByText('Acknowledged').first().waitFor();
    await benCard.getByRole('button', { name: /^Resolve/ }).click();
    await benCard.getByLabel('Action taken').selectOption('called_patient');
    await benCard.getByRole('button', { name: 'Save' }).click();
    await benCard.getByText('Nausea rated 8: severe (7 or more).').waitFor({ state: 'detached' });
    await saveScreenshot(nora, 'triage-queue');
    // The urgent alert's page, then the patient's symptoms page with trend chart and Hui prompts.
    await first.getByRole('link', { name: /^Check-in of/ }).first().click();
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

  test('clinical lead at 360 px: changes a threshold and its cited source, previews the burden beside the current rules, publishes, sees the version, restores the previous one', async () => {
    const lead = await signedIn('lead@demo.test', { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    // The page never scrolls sideways at 360 px (a wide table scrolls inside its own region); offenders are named.
    const fitsPhone = async () =>
      expect(
        await lead.evaluate(() => ({
          width: document.documentElement.scrollWidth,
          wider: [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}#${el.id}`),
        })),
      ).toMatchObject({ width: 360 });
    await lead.goto('/navigator/clinical-rules');
    await lead.getByRole('heading', { level: 1, name: 'Clinical rules' }).waitFor();
    // Every rule, the ladder and the crisis data show the source they cite, in full.
    await lead.getByLabel('esas.moderate Source').waitFor();
    expect(await lead.getByLabel('esas.moderate Source').inputValue()).toBe('selby2010');
    await lead.locator('#src-esas\\.moderate-citation').filter({ hasText: /^Selby D, et al\./ }).waitFor();
    expect(await lead.getByLabel('Source of the escalation ladder').inputValue()).toBe('wayfinder-ladder');
    expect(await lead.getByLabel('Source of the crisis resources').inputValue()).toBe('crisis-lines');
    await expectAccessible(lead);
    await fitsPhone();

    // Version A: ESAS moderate from 5, published with why and source.
    await lead.getByLabel('esas.moderate From').fill('5');
    await lead.getByLabel('Why this change').fill('Fewer moderate alerts for mild symptoms');
    await lead.getByLabel('Source cited for this change').fill('Selby 2010');
    await lead.getByRole('button', { name: 'Publish a new version' }).click();
    const first = Number((await lead.getByRole('status').filter({ hasText: /Version \d+ published/ }).textContent())?.match(/Version (\d+)/)?.[1]);
    expect(first).toBeGreaterThan(0);

    // Version B: DT "significant" from 5, resting on a new local source, previewed before publishing.
    await lead.getByLabel('Short id (lower-case letters, digits, . _ -)').fill('org-audit-2026');
    await lead.getByLabel('Full citation').fill('Hospital audit of distress referrals, 2026 (internal report 14)');
    await lead.getByRole('button', { name: 'Add the source' }).click();
    await lead.getByLabel('dt.significant From').fill('5');
    await lead.getByLabel('dt.significant Source').selectOption('org-audit-2026');
    await lead.locator('#src-dt\\.significant-citation').filter({ hasText: 'Hospital audit of distress referrals' }).waitFor();
    await lead.getByLabel('Citation for selby2010').fill('Selby D, et al. J Pain Symptom Manage 2010;39:241-9');
    await lead.getByRole('button', { name: 'Preview the alert burden' }).click();
    const preview = lead.getByRole('region', { name: /Last 90 days of check-ins replayed/ }).first();
    await preview.getByRole('columnheader', { name: `Current rules (version ${first})` }).waitFor();
    await preview.getByRole('columnheader', { name: 'Draft' }).waitFor();
    expect(await preview.getByRole('rowheader').allTextContents()).toEqual(['Urgent', 'High', 'Moderate', 'Alerts per 100 check-ins']);
    await expectAccessible(lead);
    await fitsPhone();
    await saveScreenshot(lead, 'rules-preview-360');
    await lead.getByLabel('Why this change').fill('Audit: DT 4 referrals were declined');
    await lead.getByLabel('Source cited for this change').fill('Internal audit 2026');
    await lead.getByRole('button', { name: 'Publish a new version' }).click();
    await lead.getByRole('status').filter({ hasText: `Version ${first + 1} published.` }).waitFor();
    const versions = lead.getByRole('region', { name: 'Versions' });
    const newest = versions.getByRole('listitem').first();
    await newest.getByText(`Version ${first + 1}, published`).waitFor();
    await newest.getByText('Why: Audit: DT 4 referrals were declined · Source: Internal audit 2026').waitFor();
    expect(await lead.getByLabel('dt.significant Source').inputValue()).toBe('org-audit-2026');
    expect(await lead.getByLabel('Citation for selby2010').inputValue()).toBe('Selby D, et al. J Pain Symptom Manage 2010;39:241-9');
    await expectAccessible(lead);
    await fitsPhone();

    // Restore version A: the DT threshold and its source come back, as a new version.
    await lead.getByLabel('Why restore it').fill('Audit sample too small');
    await versions.getByRole('button', { name: `Restore version ${first}` }).click();
    await lead.getByRole('status').filter({ hasText: `Version ${first} restored as version ${first + 2}.` }).waitFor();
    await expect.poll(() => lead.getByLabel('dt.significant From').inputValue()).toBe('4');
    expect(await lead.getByLabel('dt.significant Source').inputValue()).toBe('nccn-dt');
    expect(await lead.getByLabel('esas.moderate From').inputValue()).toBe('5');
    await expectAccessible(lead);
    await fitsPhone();
    await assertNoPageErrors(lead);
  }, 150_000);
});
