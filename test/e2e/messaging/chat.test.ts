import { beforeAll, describe, expect, test } from 'vitest';
import { setWorkingHours } from '../../integration/messaging/support.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const ctx = useServerAndBrowser();
beforeAll(() => setWorkingHours(ctx.server.deps, 'always'));
const signedIn = (email: string, width?: number) => signIn(ctx, email, { page: width ? { viewport: { width, height: 800 } } : {} });

describe('secure messaging in the browser', () => {
  test('Ana on her phone writes to her care team; Nora answers from her inbox; read state, attachments and crisis resources', async () => {
    const ana = await signedIn('ana@demo.test', 390);
    await ana.getByRole('link', { name: 'Messages' }).click();
    await ana.waitForURL('**/patient/messages');
    await ana.getByRole('heading', { level: 2, name: 'Your care team' }).waitFor();
    await expectAccessible(ana);

    await ana.getByLabel('Message', { exact: true }).fill('Hello Nora, a question about my scan.');
    await ana.getByRole('button', { name: 'Send' }).click();
    const log = ana.getByRole('log', { name: 'Conversation' });
    await log.getByText('Hello Nora, a question about my scan.').waitFor();
    await log.getByText('Sent', { exact: true }).waitFor();
    const overflow = await ana.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(ana, 'messaging-patient-phone');

    const nora = await signedIn('nora@demo.test');
    await nora.getByRole('link', { name: 'Inbox' }).click();
    await nora.waitForURL('**/navigator/messages');
    const threads = nora.getByRole('navigation', { name: 'Conversations' });
    const anaLink = threads.getByRole('link', { name: /Care team: Ana García/ });
    await anaLink.waitFor();
    expect(await anaLink.textContent()).toContain('1 unread');
    await expectAccessible(nora);
    await anaLink.click();
    await nora.getByRole('log', { name: 'Conversation' }).getByText('Hello Nora, a question about my scan.').waitFor();
    // Nora has read it: Ana sees "Read" without reloading.
    await log.getByText('Read', { exact: true }).waitFor();

    // A translated reply template, sent live to Ana.
    await nora.getByLabel('Reply templates').selectOption('callSoon');
    await nora.getByRole('button', { name: 'Insert template' }).click();
    expect(await nora.getByLabel('Message', { exact: true }).inputValue()).toBe('I will call you shortly to talk this through.');
    await nora.getByRole('button', { name: 'Send' }).click();
    await log.getByText('I will call you shortly to talk this through.').waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'messaging-navigator-inbox');

    // A report attached from the phone, type checked by the server, downloadable by Nora.
    await ana.getByLabel('Attach a report (PDF, JPEG or PNG, up to 10 MB)').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: PNG });
    await ana.getByText('Attached: scan.png').waitFor();
    await ana.getByLabel('Message', { exact: true }).fill('Here is my scan');
    await ana.getByRole('button', { name: 'Send' }).click();
    await nora.getByRole('link', { name: 'Download scan.png' }).waitFor();
    await expectAccessible(ana);

    // Crisis language: resources at once, in an alert.
    await ana.getByLabel('Message', { exact: true }).fill("I can't breathe");
    await ana.getByRole('button', { name: 'Send' }).click();
    const alert = ana.getByRole('alert').filter({ hasText: 'Help is available now' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Call the emergency number below now');
    // Ana is treated in Spain: Spain's emergency number, from the organization's crisis data (issue 16).
    expect(await alert.getByRole('link', { name: 'Call 112' }).count()).toBe(1);
    expect(await alert.textContent()).toContain('Difficulty breathing can be an emergency');
    await expectAccessible(ana);
    await saveScreenshot(ana, 'messaging-crisis');
    await nora.getByRole('navigation', { name: 'Conversations' }).getByText('Urgent').waitFor();

    await assertNoPageErrors(ana);
    await assertNoPageErrors(nora);
    await ana.context().close();
    await nora.context().close();
  });

  test('the chat is right-to-left and translated for an Arabic-speaking patient', async () => {
    const ben = await signedIn('ben@demo.test', 360);
    await ben.getByRole('button', { name: 'العربية', exact: true }).click();
    await ben.goto('/patient/messages');
    await ben.getByRole('heading', { level: 2, name: 'فريق رعايتك' }).waitFor();
    expect(await ben.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await ben.getByRole('button', { name: 'إرسال' }).isVisible()).toBe(true);
    await expectAccessible(ben);
    await assertNoPageErrors(ben);
    await ben.context().close();
  });
});
