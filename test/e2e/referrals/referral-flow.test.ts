import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { startTestWorkers } from '../../support/workers.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';
import { accessibleAtBothWidths, fact } from './pages.ts';

const ctx = useServerAndBrowser();
let workers: Awaited<ReturnType<typeof startTestWorkers>> | undefined;
afterAll(() => workers?.stop(true));

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Adds one packet item in the builder: written text, or an uploaded file. */
async function addItem(page: Page, kind: string, item: { title: string; body: string } | { file: string }) {
  await page.getByRole('button', { name: `Add to ${kind}` }).click();
  const form = page.getByRole('form', { name: `Add to ${kind}` });
  if ('file' in item) {
    await form.getByLabel('Upload a file').check();
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: item.file, mimeType: 'application/pdf', buffer: PDF });
  } else {
    await form.getByLabel('Write it here').check();
    await form.getByLabel('Title', { exact: true }).fill(item.title);
    await form.getByLabel('Text', { exact: true }).fill(item.body);
  }
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

describe('a referral from diagnosis to a scheduled case review, in the browser', () => {
  test("Nora builds Ben's referral in the wizard and the packet builder; Ben consents in his own session; Rhea accepts and schedules it on a case review", async () => {
    workers = await startTestWorkers(ctx.server);
    const nora = await signIn(ctx, 'nora@demo.test');

    // The board, and the wizard from it.
    await nav(nora, 'Referrals');
    await nora.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    await nora.getByRole('heading', { level: 2, name: 'Draft' }).waitFor();
    await accessibleAtBothWidths(nora);
    await nora.getByRole('link', { name: 'New referral' }).click();

    // Step 1: patient and type; saving creates the draft.
    await nora.getByRole('heading', { level: 2, name: 'Step 1 of 4: Type' }).waitFor();
    await nora.getByLabel('Patient').selectOption({ label: 'Ben Carter' });
    await nora.getByLabel('Case review').check();
    await accessibleAtBothWidths(nora);
    await nora.getByRole('button', { name: 'Save and continue' }).click();

    // Step 2: ICD-O-3 by words and by code; the routing rule and its source are shown.
    await nora.getByRole('heading', { level: 2, name: 'Step 2 of 4: Diagnosis' }).waitFor();
    expect(new URL(nora.url()).pathname).toMatch(/^\/navigator\/referrals\/[0-9a-f-]{36}\/edit$/);
    await nora.getByLabel('ICD-O-3 topography (site)').fill('pleura');
    await nora.getByRole('button', { name: /^C38\.4 / }).click();
    await nora.getByLabel('ICD-O-3 morphology (histology)').fill('9052');
    await nora.getByRole('button', { name: /^9052\/3 / }).click();
    const mapping = nora.getByRole('region', { name: 'Suggested routing' });
    await mapping.getByText('Rare thoracic cancers').waitFor();
    expect(await mapping.getByText('Thoracic', { exact: true }).count()).toBe(1);
    await accessibleAtBothWidths(nora);
    await saveScreenshot(nora, 'referral-wizard-diagnosis');
    await nora.getByRole('button', { name: 'Save and continue' }).click();

    // Step 3: sites for the domain, with languages and telemedicine.
    await nora.getByRole('heading', { level: 2, name: 'Step 3 of 4: Receiving site' }).waitFor();
    const northgate = nora.getByRole('radio', { name: /Northgate/ });
    await northgate.waitFor();
    await nora.getByText("Speaks the patient's language").first().waitFor();
    await accessibleAtBothWidths(nora);
    await northgate.check();
    await nora.getByRole('button', { name: 'Save and continue' }).click();

    // Step 4: question and urgency, then the referral's page.
    await nora.getByRole('heading', { level: 2, name: 'Step 4 of 4: Question and urgency' }).waitFor();
    await nora.getByLabel('Question for the experts').fill('Trimodality treatment or systemic therapy first?');
    await nora.getByLabel('Urgent').check();
    await accessibleAtBothWidths(nora);
    await nora.getByRole('button', { name: 'Save and open the referral' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Case review referral' }).waitFor();
    const referralId = new URL(nora.url()).pathname.split('/').pop()!;
    expect(await fact(nora, 'Urgency').textContent()).toBe('Urgent');

    // The packet, built per checklist item: one uploaded file, the rest written; one removed again.
    await nora.getByRole('heading', { level: 2, name: 'Build the records packet' }).waitFor();
    await nora.getByText('5 required items missing.').waitFor();
    await addItem(nora, 'Pathology report', { file: 'pleural-biopsy.pdf' });
    await nora.getByRole('link', { name: 'Open pleural-biopsy.pdf' }).waitFor();
    await addItem(nora, 'Imaging report', { title: 'CT chest', body: 'Right pleural thickening, no distant disease.' });
    await addItem(nora, 'Prior therapies', { title: 'Prior therapies', body: 'None.' });
    await addItem(nora, 'Laboratory report', { title: 'Old blood count', body: 'Not needed.' });
    await nora.getByRole('button', { name: 'Remove Old blood count' }).click();
    await nora.getByText('Old blood count').first().waitFor({ state: 'detached' });
    await addItem(nora, 'Clinical summary', { title: 'Clinical summary', body: 'Right pleural effusion; thoracoscopic biopsy.' });
    await nora.getByText('1 required item missing.').waitFor();
    const preview = nora.getByRole('region', { name: 'What the receiving site will see' });
    await preview.getByText('Clinical summary: Clinical summary').waitFor();
    await nora.getByText("Sending needs the patient's consent.").waitFor();
    await accessibleAtBothWidths(nora);
    await saveScreenshot(nora, 'referral-packet');

    // Ben is asked in the app.
    await nora.getByRole('button', { name: 'Ask the patient in the app' }).click();
    await nora.getByText('The patient was asked.').waitFor();

    // Ben, in his own browser, on his phone: the request on his home, what is shared with whom, he agrees.
    const ben = await signIn(ctx, 'ben@demo.test', { page: { viewport: { width: 360, height: 780 } } });
    const card = ben.getByRole('region', { name: 'Needs you now' }).getByRole('listitem').filter({ hasText: 'Case review at Northgate' });
    await card.waitFor();
    await expectAccessible(ben);
    await card.getByRole('link', { name: 'Read and decide' }).click();
    await ben.getByRole('heading', { level: 1, name: 'Sharing your records' }).waitFor();
    await ben.getByText('Pathology report: pleural-biopsy.pdf').waitFor();
    await ben.getByText('Trimodality treatment or systemic therapy first?').waitFor();
    await expectAccessible(ben);
    await ben.getByRole('button', { name: 'I agree to share' }).click();
    await ben.getByRole('button', { name: 'Withdraw my consent' }).waitFor();
    await expectAccessible(ben);

    // Nora's page follows (referral:changed): consent given, the packet complete; she sends it.
    const send = nora.getByRole('button', { name: 'Send to Northgate Reference Centre' });
    await send.waitFor();
    await nora.getByText('The packet is complete.').waitFor();
    await send.click();
    await fact(nora, 'State').filter({ hasText: /^Sent$/ }).waitFor({ timeout: 20_000 });
    await fact(nora, 'Answer due').locator('time').waitFor();
    await accessibleAtBothWidths(nora);

    // Rhea: the incoming queue, the shared packet, accept, and a new case-review session.
    const rhea = await signIn(ctx, 'rhea@demo.test');
    await nav(rhea, 'Incoming referrals');
    const row = rhea.getByRole('row', { name: /Ben Carter.*Case review/ });
    await row.waitFor();
    await accessibleAtBothWidths(rhea);
    await row.getByRole('link').click();
    await rhea.waitForURL(`**/specialist/referrals/${referralId}`);
    await rhea.getByRole('link', { name: 'Open pleural-biopsy.pdf' }).waitFor();
    await accessibleAtBothWidths(rhea);
    await rhea.getByRole('button', { name: 'Accept' }).click();
    await rhea.getByLabel('On a new case-review session').check();
    await rhea.getByLabel('Session title').fill('Thoracic tumour board');
    const day = new Date(Date.now() + 3 * 86_400_000);
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}T15:00`;
    await rhea.getByLabel('Starts').fill(local);
    await accessibleAtBothWidths(rhea);
    await rhea.getByRole('button', { name: 'Schedule' }).click();
    await fact(rhea, 'State').filter({ hasText: /^Scheduled$/ }).waitFor({ timeout: 20_000 });
    await fact(rhea, 'Scheduled for').locator('time').waitFor();
    await rhea.getByText('An expert review is completed by its recommendation.').waitFor();
    await accessibleAtBothWidths(rhea);
    await saveScreenshot(rhea, 'referral-scheduled');

    // Ben withdraws consent from his app: Rhea's next read has no packet.
    await ben.getByRole('button', { name: 'Withdraw my consent' }).click();
    await ben.getByText('You withdrew your consent. The site no longer sees your records.').waitFor();
    await rhea.reload();
    await rhea.getByText("The records packet is not shared: the patient's consent is missing or was withdrawn.").waitFor();
    expect(await rhea.getByText('pleural-biopsy.pdf').count()).toBe(0);
    await expectAccessible(rhea);

    for (const p of [nora, ben, rhea]) await assertNoPageErrors(p);
  }, 240_000);

  test('the administrator sets the response deadline of a referral type', async () => {
    const admin = await signIn(ctx, 'admin@demo.test');
    await nav(admin, 'Referral deadlines');
    await admin.getByRole('heading', { level: 1, name: 'Referral deadlines' }).waitFor();
    const form = admin.getByRole('form', { name: 'Palliative care' });
    await form.getByLabel('Working days to answer', { exact: true }).fill('4');
    await form.getByLabel('Reminders (working days before, comma-separated)').fill('2');
    await form.getByLabel('Working days to answer an urgent referral').fill('2');
    await form.getByRole('button', { name: 'Save Palliative care' }).click();
    await admin.getByRole('form', { name: 'Palliative care' }).getByText('Set by your organization').waitFor();
    expect(await admin.getByRole('form', { name: 'Palliative care' }).getByLabel('Working days to answer an urgent referral').inputValue()).toBe('2');
    await accessibleAtBothWidths(admin);
    await assertNoPageErrors(admin);
  });
});
