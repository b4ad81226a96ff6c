import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { startTestWorkers } from '../../support/workers.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();
let workers: Awaited<ReturnType<typeof startTestWorkers>> | undefined;
afterAll(() => workers?.stop(true));

/** axe at desktop width and again at phone width (390 px), then back. */
async function accessibleAtBothWidths(page: Page) {
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('navigation tasks in the browser', () => {
  test("Nora's board: she books travel for Ben's reference-centre visit and marks it done; lodging goes to waiting by keyboard", async () => {
    const nora = await signIn(ctx, 'nora@demo.test');
    await nav(nora, 'Tasks');
    await nora.getByRole('heading', { level: 1, name: 'Task board' }).waitFor();
    const travel = nora.getByRole('link', { name: 'Open task: Travel for Ben Carter' });
    await travel.waitFor();
    await accessibleAtBothWidths(nora);
    await saveScreenshot(nora, 'tasks-board');

    // Grouped by patient and by type, the same two tasks of Ben's show under his name and their types.
    await nora.getByRole('button', { name: 'Patient', exact: true }).click();
    await nora.getByRole('heading', { level: 2, name: 'Ben Carter' }).waitFor();
    await nora.getByRole('button', { name: 'Type', exact: true }).click();
    await nora.getByRole('heading', { level: 2, name: 'Lodging' }).waitFor();
    await nora.getByRole('button', { name: 'Due date', exact: true }).click();

    await travel.click();
    await nora.getByRole('heading', { level: 1, name: 'Travel for Ben Carter' }).waitFor();
    await accessibleAtBothWidths(nora);
    await nora.getByLabel('Notes').fill('Train to Northgate booked, hotel beside the centre for the night before.');
    await nora.getByRole('button', { name: 'Save notes' }).click();
    await nora.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    await nora.getByRole('button', { name: 'Mark done' }).click();
    await nora.getByText('Done', { exact: true }).waitFor();
    expect(await nora.getByRole('button', { name: 'Mark done' }).count()).toBe(0);
    await nora.getByRole('listitem').filter({ hasText: 'Status Open → Done' }).waitFor();

    // Back on the board: travel is finished; lodging moves to "waiting" with the W key.
    await nav(nora, 'Tasks');
    const lodging = nora.getByRole('link', { name: 'Open task: Lodging for Ben Carter' });
    await lodging.waitFor();
    // The board may first paint from the cache, then its refetch drops the finished task.
    await expect.poll(() => nora.getByRole('link', { name: 'Open task: Travel for Ben Carter' }).count()).toBe(0);
    await lodging.focus();
    await nora.keyboard.press('w');
    await nora.getByRole('status').filter({ hasText: 'Marked Waiting on someone.' }).waitFor();
    await expect.poll(() => nora.getByRole('combobox', { name: /Lodging, Ben Carter/ }).inputValue()).toBe('waiting');

    // The measures page shows the tasks beside the alerts.
    await nav(nora, 'Measures');
    await nora.getByRole('heading', { level: 2, name: 'Tasks' }).waitFor();
    await nora.getByText('Open tasks').waitFor();
    await accessibleAtBothWidths(nora);
    await assertNoPageErrors(nora);
  }, 180_000);

  test("progression recorded for Ana -> her goals-of-care review task appears; the record is written and she reads it in her language", async () => {
    workers = await startTestWorkers(ctx.server);
    const nora = await signIn(ctx, 'nora@demo.test');
    const anaId = await nora.evaluate(async () => ((await (await fetch('/api/caseload')).json()) as { patients: Array<{ id: string; name: string }> }).patients.find((p) => p.name === 'Ana García')!.id);
    await nora.goto(`/navigator/patients/${anaId}/tasks`);
    await nora.getByRole('heading', { level: 1, name: 'Tasks: Ana García' }).waitFor();
    await nora.getByText('No tasks for this patient yet.').waitFor();
    await accessibleAtBothWidths(nora);
    await nora.getByLabel('Note (optional)').fill('New liver lesions on CT.');
    await nora.getByRole('button', { name: 'Record progression' }).click();
    await nora.getByText('Progression recorded', { exact: false }).waitFor();
    // The rule runs in the worker: reload until both tasks are there.
    await expect
      .poll(async () => {
        await nora.reload();
        await nora.getByRole('heading', { level: 2, name: 'Tasks' }).waitFor();
        return nora.getByRole('link', { name: 'Open task: Goals-of-care conversation for Ana García' }).count();
      }, { timeout: 15_000, interval: 500 })
      .toBe(1);
    expect(await nora.getByRole('link', { name: 'Open task: Palliative evaluation for Ana García' }).count()).toBe(1);
    await accessibleAtBothWidths(nora);
    await saveScreenshot(nora, 'tasks-patient');

    // The goals-of-care conversation, written with Ana.
    await nora.getByRole('link', { name: 'Goals of care' }).first().click();
    await nora.getByRole('heading', { level: 1, name: 'Goals of care' }).waitFor();
    await nora.getByText('No goals-of-care record yet.').waitFor();
    await accessibleAtBothWidths(nora);
    await nora.getByLabel('What matters most').fill('Estar en casa con mis hijos.');
    await nora.getByLabel('Preferred place of care').selectOption('home');
    await nora.getByLabel('Healthcare proxy').check();
    await nora.getByLabel('Language of the conversation').selectOption('es');
    await nora.getByLabel('Written together with the patient').check();
    await nora.getByRole('button', { name: 'Save new version' }).click();
    await nora.getByText('Saved as version 1.').waitFor();
    await nora.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await accessibleAtBothWidths(nora);

    // The services directory and the rules, as the navigator sees them.
    await nav(nora, 'Supportive services');
    await nora.getByRole('heading', { level: 3, name: 'Hillview Social Services' }).waitFor();
    await accessibleAtBothWidths(nora);
    await nav(nora, 'Task rules');
    await nora.getByRole('heading', { level: 2, name: 'Hui major criterion or progression → palliative evaluation' }).waitFor();
    await accessibleAtBothWidths(nora);
    await assertNoPageErrors(nora);

    const ana = await signIn(ctx, 'ana@demo.test');
    await nav(ana, 'Goals of care');
    await ana.getByRole('heading', { level: 1, name: 'My goals of care' }).waitFor();
    await ana.getByText('Estar en casa con mis hijos.').waitFor();
    await ana.getByText('Healthcare proxy').waitFor();
    await accessibleAtBothWidths(ana);
    await assertNoPageErrors(ana);
  }, 240_000);
});
