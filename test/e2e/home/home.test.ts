import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { findUserByEmail } from '../../../src/people/repo.ts';
import { makeCheckinDue } from '../../integration/home/fixtures.ts';
import { videoAppointment } from '../../integration/video/fixtures.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const ctx = useServerAndBrowser();
const ids: Record<string, string> = {};

beforeAll(async () => {
  const deps = ctx.server.deps;
  for (const name of ['ana', 'ben', 'carl']) ids[name] = (await findUserByEmail(deps.db, `${name}@demo.test`))!.id;
  await makeCheckinDue(deps, ids.ana!);
  ids.visit = await videoAppointment(deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'], startsInMinutes: 2 * 24 * 60 });
}, 60_000);

const apiCall = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
      return res.status;
    },
    [method, path, body] as const,
  );

/** expect.poll waits one second by default; a loaded machine needs longer for a refetch to land. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Nothing sticks out sideways: the page reflows at this width (WCAG 1.4.10) with text at this zoom. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

// Each test walks several screens with axe on each; on a shared 2-core machine that takes over a minute.
describe('the patient and caregiver home on a phone', { timeout: 180_000 }, () => {
  test('Ana sees her due check-in first, completes it, sees her next visit with her two questions, adds a third, opens a library entry', async () => {
    const ana = await signIn(ctx, 'ana@demo.test', { page: PHONE });
    const hello = ana.getByRole('heading', { level: 1, name: 'Hello, Ana García' });
    await hello.waitFor();
    // The navigation is one sideways row on a phone, so what needs her starts on the first screen.
    expect((await hello.boundingBox())!.y).toBeLessThan(300);
    expect(await fitsWidth(ana)).toBe(true);
    const sections = ana.locator('.home-sections > section > h2');
    await sections.first().waitFor();
    expect(await sections.allTextContents()).toEqual(['Needs you now', 'Coming up', 'Your care team', 'Information for you']);
    const needs = ana.getByRole('region', { name: 'Needs you now' });
    await needs.getByText('Your check-in is due: Symptoms today').waitFor();
    await needs.getByText('Your consent is asked for: Second opinion at Northgate Reference Centre').waitFor();
    // First of all that needs her: the due check-in, before the consent request.
    expect(await needs.getByRole('listitem').first().textContent()).toContain('Your check-in is due: Symptoms today');
    await ana.getByText('Live updates on').waitFor();
    const team = ana.getByRole('region', { name: 'Your care team' });
    await team.getByText('Nora Navarro').waitFor();
    await team.getByText(/Messages are answered Monday, Tuesday, Wednesday, Thursday, Friday, 08:00–18:00/).waitFor();
    await expectAccessible(ana);
    await saveScreenshot(ana, 'home-patient-en-390');

    await needs.getByRole('link', { name: 'Start the check-in' }).click();
    const first = ana.getByText(/^Question 1 of \d+$/);
    await first.waitFor();
    const total = Number(/of (\d+)/.exec((await first.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(9);
    for (let q = 1; q <= total; q++) {
      // The nine ESAS-r symptoms; a tenth "other problem" is optional and left out.
      if (q <= 9) await ana.getByRole('radio', { name: '2', exact: true }).check();
      await ana.getByRole('button', { name: q === total ? 'Send my answers' : 'Next' }).click();
    }
    await ana.getByText('Thank you. Your answers were sent to your care team.').waitFor();
    await expectAccessible(ana);

    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const coming = ana.getByRole('region', { name: 'Coming up' });
    await coming.getByText('Video call').first().waitFor();
    await poll(() => needs.getByText('Your check-in is due').count()).toBe(0);
    await coming.getByRole('link', { name: 'Join the video call' }).waitFor();
    await coming.getByRole('link', { name: 'Check your camera and microphone' }).waitFor();
    const questions = coming.getByRole('list', { name: 'Your questions for this visit' }).getByRole('listitem');
    expect(await questions.allTextContents()).toEqual([
      expect.stringContaining('Will I need radiotherapy before the operation?'),
      expect.stringContaining('Can I keep working during treatment?'),
    ]);
    await coming.getByLabel('A question for my next visit').fill('How long will I stay in hospital?');
    await coming.getByLabel('Who is it for?').selectOption({ label: 'Dr Sam Okafor (Specialist)' });
    await coming.getByRole('button', { name: 'Add my question' }).click();
    await coming.getByRole('status').filter({ hasText: 'Your question was saved.' }).waitFor();
    await poll(() => questions.count()).toBe(3);
    await expectAccessible(ana);

    await ana.getByRole('region', { name: 'Information for you' }).getByRole('link', { name: 'Sarcoma Patients EuroNet' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Sarcoma Patients EuroNet' }).waitFor();
    await ana.getByText(/Reviewed on .* by Dr Lena Lindqvist/).waitFor();
    await ana.getByRole('link', { name: /Visit Sarcoma Patients EuroNet/ }).waitFor();
    await expectAccessible(ana);
    await ana.getByRole('link', { name: 'Back to trusted information' }).click();
    const forYou = ana.getByRole('region', { name: 'For your diagnosis, in your language' });
    await forYou.getByRole('link').first().waitFor();
    expect(await forYou.getByRole('link').allTextContents()).toEqual(['ESMO patient guides', 'Sarcoma Patients EuroNet', 'Sarcoma UK: support and information']);
    await expectAccessible(ana);
    await assertNoPageErrors(ana);
  });

  test('the home reflows at 360 px with text at 200 %, and says so when the phone goes offline', async () => {
    const ana = await signIn(ctx, 'ana@demo.test', { page: { ...PHONE, viewport: { width: 360, height: 780 } } });
    await ana.getByRole('region', { name: 'Coming up' }).waitFor();
    // Text-only zoom, as a phone's font-size setting does (CSP forbids injected style sheets, not CSSOM).
    await ana.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    expect(await fitsWidth(ana)).toBe(true);
    await expectAccessible(ana);
    await ana.context().setOffline(true);
    await ana.getByRole('status').filter({ hasText: 'You are offline.' }).waitFor();
    await expectAccessible(ana);
    await ana.context().setOffline(false);
    await ana.getByText('You are offline.').waitFor({ state: 'detached' });
    const manifest = await ana.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]')?.getAttribute('href') ?? '';
      const res = await fetch(href);
      return { type: res.headers.get('content-type'), body: (await res.json()) as { icons: Array<{ src: string; sizes: string }>; display: string } };
    });
    expect(manifest.body.display).toBe('standalone');
    for (const icon of manifest.body.icons) expect(await ana.evaluate(async (src) => (await fetch(src)).status, icon.src)).toBe(200);
  });

  test('Carl, acting for Ana, sees only what she granted, live; he switches to Ben', async () => {
    const ana = await signIn(ctx, 'ana@demo.test', { page: PHONE });
    expect(await apiCall(ana, 'PUT', '/api/me/caregivers', { caregiverId: ids.carl, scopes: ['messages', 'appointments'] })).toBe(204);
    await makeCheckinDue(ctx.server.deps, ids.ana!, 180);
    const carl = await signIn(ctx, 'carl@demo.test', { page: PHONE });
    // Carl reads Spanish; the screenshots are taken in English and Arabic.
    await carl.getByRole('button', { name: 'English', exact: true }).click();
    await carl.getByRole('heading', { level: 2, name: 'You are acting for Ana García' }).waitFor();
    await carl.getByText('You see only what Ana García shared with you: messages, appointments and questions.').waitFor();
    const needs = carl.getByRole('region', { name: 'Needs you now' });
    await needs.getByText('No new messages.').waitFor();
    expect(await needs.getByText(/check-in is due|consent is asked/).count()).toBe(0);
    const coming = carl.getByRole('region', { name: 'Coming up' });
    await poll(() => coming.getByRole('list', { name: 'Ana García’s questions for this visit' }).getByRole('listitem').count()).toBe(3);
    await carl.getByRole('region', { name: 'Ana García’s care team' }).waitFor();
    await carl.getByText('Live updates on').waitFor();
    await expectAccessible(carl);
    await saveScreenshot(carl, 'home-caregiver-en-390');

    // Nora writes in Ana's care-team chat: Carl's home shows it without a reload.
    const nora = await signIn(ctx, 'nora@demo.test');
    const { threads } = await nora.evaluate(async () => (await fetch('/api/threads')).json() as Promise<{ threads: Array<{ id: string; patientId: string | null; kind: string }> }>);
    const thread = threads.find((t) => t.patientId === ids.ana && t.kind === 'care_team')!;
    expect(await nora.evaluate(async (threadId) => (await fetch(`/api/threads/${threadId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: crypto.randomUUID(), body: 'See you on Thursday.' }) })).status, thread.id)).toBe(201);
    await needs.getByRole('link', { name: 'You have 1 new message' }).waitFor();

    await carl.getByRole('button', { name: 'العربية', exact: true }).click();
    await carl.getByRole('heading', { level: 2, name: 'أنت تتصرف نيابةً عن Ana García' }).waitFor();
    expect(await carl.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expectAccessible(carl);
    await saveScreenshot(carl, 'home-caregiver-ar-390');
    await carl.getByRole('button', { name: 'English', exact: true }).click();

    const ben = await signIn(ctx, 'ben@demo.test', { page: PHONE });
    expect(await apiCall(ben, 'PUT', '/api/me/caregivers', { email: 'carl@demo.test', scopes: ['appointments'] })).toBe(204);
    await carl.reload();
    await carl.getByLabel('Switch to another person').selectOption({ label: 'Ben Carter' });
    await carl.getByRole('heading', { level: 2, name: 'You are acting for Ben Carter' }).waitFor();
    await coming.getByText('Latest blood results, Medication list').waitFor();
    expect(await carl.getByRole('region', { name: 'Needs you now' }).getByText(/new message/).count()).toBe(0);
    await expectAccessible(carl);
    await assertNoPageErrors(carl);
  });

  test('Ana adds a typed report to her records and sets her reminder preferences on a phone', async () => {
    const ana = await signIn(ctx, 'ana@demo.test', { page: PHONE });
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My records' }).click();
    await ana.getByRole('heading', { level: 1, name: 'My records' }).waitFor();
    await ana.getByText('No documents yet.').waitFor();
    await expectAccessible(ana);
    await ana.getByLabel('File').setInputFiles({ name: 'mri.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await ana.getByLabel('Type of document').selectOption({ label: 'Imaging (scan) report' });
    await ana.getByLabel('Name of the document').fill('MRI of the thigh');
    await ana.getByLabel('Date on the document (optional)').fill('2026-10-20');
    await ana.getByRole('button', { name: 'Add to my records' }).click();
    await ana.getByRole('status').filter({ hasText: 'The document was added' }).waitFor();
    const item = ana.getByRole('region', { name: 'My documents' }).getByRole('listitem').filter({ hasText: 'MRI of the thigh' });
    await item.getByText(/Imaging \(scan\) report · Dated Oct 20, 2026/).waitFor();
    await item.getByText('Not shared outside your care team.').waitFor();
    expect(await fitsWidth(ana)).toBe(true);
    await expectAccessible(ana);
    // She corrects its name, then takes it off her records.
    await item.getByRole('button', { name: 'Edit MRI of the thigh' }).click();
    await item.getByLabel('Name of the document').fill('MRI of the left thigh');
    await item.getByRole('button', { name: 'Save changes' }).click();
    const renamed = ana.getByRole('region', { name: 'My documents' }).getByRole('listitem').filter({ hasText: 'MRI of the left thigh' });
    await renamed.getByRole('status').filter({ hasText: 'The document was changed.' }).waitFor();
    await renamed.getByRole('button', { name: 'Delete MRI of the left thigh' }).click();
    const confirm = ana.getByRole('dialog', { name: 'Delete “MRI of the left thigh” from my records?' });
    await expectAccessible(ana);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await ana.getByText('No documents yet.').waitFor();

    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Preferences' }).click();
    await ana.getByRole('heading', { level: 1, name: 'My preferences' }).waitFor();
    await ana.getByLabel('By text message (SMS)').check();
    await ana.getByLabel('Mobile number for text messages').fill('+34600123456');
    await ana.getByLabel('Do not send reminders during quiet hours').check();
    await ana.getByLabel('Quiet from').fill('22:00');
    await ana.getByLabel('Quiet until').fill('07:30');
    await expectAccessible(ana);
    await ana.getByRole('button', { name: 'Save my preferences' }).click();
    await ana.getByRole('status').filter({ hasText: 'Your preferences were saved.' }).waitFor();
    await ana.reload();
    await poll(() => ana.getByLabel('Quiet from').inputValue()).toBe('22:00');
    expect(await ana.getByLabel('Mobile number for text messages').inputValue()).toBe('+34600123456');

    // A question written in a hurry: she rewrites it, then withdraws it.
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const coming = ana.getByRole('region', { name: 'Coming up' });
    await coming.getByLabel('A question for my next visit').fill('Can I drive after?');
    await coming.getByRole('button', { name: 'Add my question' }).click();
    const draft = coming.getByRole('listitem').filter({ hasText: 'Can I drive after?' });
    await draft.getByRole('button', { name: 'Edit' }).click();
    await draft.getByLabel('Your question').fill('Can I drive home after the operation?');
    await draft.getByRole('button', { name: 'Save' }).click();
    const edited = coming.getByRole('listitem').filter({ hasText: 'Can I drive home after the operation?' });
    await edited.getByRole('button', { name: 'Delete' }).click();
    await ana.getByRole('dialog', { name: 'Delete this question?' }).getByRole('button', { name: 'Delete' }).click();
    await poll(() => coming.getByText('Can I drive home after the operation?').count()).toBe(0);
    await expectAccessible(ana);
    await assertNoPageErrors(ana);
  });

  test('the specialist sees the questions on the call screen and answers one; Ana in Arabic sees her home right to left', async () => {
    const sam = await signIn(ctx, 'sam@demo.test');
    await sam.goto(`/specialist/video/appointment/${ids.visit}`);
    const panel = sam.getByRole('region', { name: /Patient's questions/ });
    await panel.getByText('How long will I stay in hospital?', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Mark answered: Can I keep working during treatment?' }).click();
    await panel.getByLabel('Answer note (optional)').fill('Yes, part-time, as long as you feel able.');
    await panel.getByRole('button', { name: 'Mark answered', exact: true }).click();
    await panel.getByText('Answered by Dr Sam Okafor: Yes, part-time, as long as you feel able.').waitFor();
    await expectAccessible(sam);

    const ana = await signIn(ctx, 'ana@demo.test', { page: PHONE });
    await ana.getByRole('button', { name: 'العربية', exact: true }).click();
    await ana.getByRole('heading', { level: 1, name: 'مرحبًا، Ana García' }).waitFor();
    expect(await ana.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const sections = ana.locator('.home-sections > section > h2');
    expect(await sections.allTextContents()).toEqual(['ما يحتاج إليك الآن', 'القادم', 'فريق رعايتك', 'معلومات لك']);
    const questions = ana.getByRole('list', { name: 'أسئلتك لهذه الزيارة' }).getByRole('listitem');
    await poll(() => questions.count()).toBe(2);
    expect((await questions.allTextContents()).some((text) => text.includes('Can I keep working'))).toBe(false);
    await expectAccessible(ana);
    await saveScreenshot(ana, 'home-patient-ar-390');
    await ana.getByRole('button', { name: 'English', exact: true }).click();
    await assertNoPageErrors(ana);
  });
});
