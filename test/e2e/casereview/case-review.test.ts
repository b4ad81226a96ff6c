import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../../../src/platform/audit/tables.ts';
import { videoAppointment } from '../../integration/video/fixtures.ts';
import { login } from '../../support/client.ts';
import { benPacketWithUploads } from '../../support/referral-packet.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };
const ctx = useServerAndBrowser();
let packet: Awaited<ReturnType<typeof benPacketWithUploads>>;

beforeAll(async () => {
  // Ben's accepted referral (demo seed) with a photo and a letter he uploaded; a video call with Dr Lindgren in half an hour.
  packet = await benPacketWithUploads(ctx.server.url, await login(ctx.server.url, 'ben@demo.test'), await login(ctx.server.url, 'nora@demo.test'));
  await videoAppointment(ctx.server.deps, { patient: 'ben@demo.test', participants: ['rhea@demo.test'], startsInMinutes: 30 });
}, 60_000);

/** Nothing sticks out sideways at this width (WCAG 1.4.10). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('a case review from the specialist home to the patient summary', { timeout: 240_000 }, () => {
  test('Rhea convenes a board, views the packet inline, records the recommendation for Ben in Spanish; Ben reads it in Spanish on his phone and asks a question', async () => {
    // Ben reads Spanish: he switches his language on his phone first.
    const ben = await signIn(ctx, 'ben@demo.test', { page: PHONE });
    await ben.getByRole('heading', { level: 1, name: 'Hello, Ben Carter' }).waitFor();
    await ben.getByRole('button', { name: 'Español' }).click();
    await ben.getByRole('heading', { level: 1, name: 'Hola, Ben Carter' }).waitFor();

    // Dr Lindgren's home: the consultation to join, the referral due, no case review yet.
    const rhea = await signIn(ctx, 'rhea@demo.test');
    const consults = rhea.getByRole('region', { name: 'Consultations' });
    await consults.getByRole('link', { name: 'Join the video consultation with Ben Carter' }).waitFor();
    expect(await consults.getByRole('link', { name: /^Join/ }).getAttribute('href')).toMatch(/^\/specialist\/video\/appointment\//);
    await rhea.getByRole('region', { name: 'Referrals to answer' }).getByRole('row', { name: /Ben Carter/ }).waitFor();
    await rhea.getByRole('region', { name: 'Upcoming case reviews' }).getByText('No case reviews are planned.').waitFor();
    await expectAccessible(rhea);
    await saveScreenshot(rhea, 'specialist-home');

    // She convenes a board and puts Ben's case on its agenda (accepted: it is scheduled for the session).
    await rhea.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Case reviews' }).click();
    await rhea.getByRole('heading', { level: 1, name: 'Case reviews' }).waitFor();
    await rhea.getByText('You take part in no case reviews yet.').waitFor();
    await expectAccessible(rhea);
    await rhea.getByLabel('Title').fill('Thoracic tumour board');
    await rhea.getByRole('button', { name: 'Create the session' }).click();
    await rhea.getByRole('heading', { level: 1, name: 'Thoracic tumour board' }).waitFor();
    await rhea.getByText('No cases on the agenda yet.').waitFor();
    await expectAccessible(rhea);
    await rhea.getByRole('button', { name: 'Add to the agenda' }).click();
    await rhea.getByRole('link', { name: 'Case 1: Ben Carter' }).click();
    const panel = rhea.getByRole('region', { name: 'Case 1: Ben Carter' });
    await panel.getByText('Scheduled', { exact: true }).waitFor();

    // The packet viewer: the image is decoded inline; the PDF renders in Chromium's viewer inside a frame
    // (the file sandboxed by its own CSP); each view is audited.
    await panel.getByRole('button', { name: 'View Chest CT key image' }).click();
    const image = panel.getByRole('img', { name: 'Chest CT key image' });
    await poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await panel.getByRole('button', { name: 'View Referral letter' }).click();
    await panel.locator('iframe[title="Referral letter"]').waitFor();
    const pdfViewer = () => rhea.frames().some((f) => f.url().startsWith('chrome-extension://') && Boolean(f.parentFrame()?.url().includes(`/packet/${packet.pdfItemId}/file?inline=1`)));
    await poll(async () => pdfViewer()).toBe(true);
    const views = (itemId: string) => ctx.server.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.packet.view_file'), eq(auditLog.targetId, itemId)));
    await poll(async () => (await views(packet.imageItemId)).length).toBe(1);
    await poll(async () => (await views(packet.pdfItemId)).length).toBeGreaterThanOrEqual(1);
    await expectAccessible(rhea);
    await saveScreenshot(rhea, 'case-review-packet');
    // Closed again: Chromium's PDF viewer takes the focus when it loads, and would take the test's later clicks.
    await panel.getByRole('button', { name: 'Hide Referral letter' }).click();
    await panel.locator('iframe[title="Referral letter"]').waitFor({ state: 'detached' });

    // The recommendation: the form names Ben's language for the summary and her note.
    await panel.getByText('The patient reads Spanish.', { exact: false }).waitFor();
    await panel.getByRole('radio', { name: 'Confirmed' }).check();
    await panel.getByRole('checkbox', { name: 'Chemoradiotherapy' }).check();
    await panel.getByRole('button', { name: 'Add a trial' }).click();
    await panel.getByLabel('Trial 1 registry number').fill('NCT01234567');
    await panel.getByLabel('Trial 1 title').fill('Trimodality treatment study');
    await panel.getByLabel('Who follows the patient').selectOption('shared');
    await panel.getByLabel('Next visit in weeks').fill('6');
    const note = panel.getByLabel('Your note to the patient, written in Spanish');
    expect(await note.getAttribute('lang')).toBe('es');
    await note.fill('Hablaremos del tratamiento en su próxima visita.');
    await expectAccessible(rhea);
    await panel.getByRole('button', { name: 'Record the recommendation' }).click();
    await panel.getByText('The recommendation is recorded (diagnosis: Confirmed). The patient has their summary.').waitFor();
    await rhea.getByText('Case 1: Ben Carter').first().waitFor();
    await rhea.getByText('recommendation recorded').waitFor();
    // The host runs the session: scheduled -> in session -> completed.
    const sessionFacts = rhea.locator('dl').first();
    await rhea.getByRole('button', { name: 'Start the session' }).click();
    await sessionFacts.getByRole('definition').filter({ hasText: /^In session$/ }).waitFor();
    await rhea.getByRole('button', { name: 'Close the session' }).click();
    await sessionFacts.getByRole('definition').filter({ hasText: /^Completed$/ }).waitFor();
    expect(await rhea.getByRole('link', { name: 'Join the video session' }).count()).toBe(0);
    await expectAccessible(rhea);
    // The same screen at phone width.
    await rhea.setViewportSize({ width: 360, height: 780 });
    expect(await fitsWidth(rhea)).toBe(true);
    await expectAccessible(rhea);

    // Ben's home (Spanish): the new summary, opened on its own page, in Spanish with the note as written.
    await ben.reload();
    const needs = ben.getByRole('region', { name: 'Lo que necesita su atención' });
    await needs.getByText('Nuevo: un resumen del comité de tumores de Northgate Reference Centre').waitFor();
    await expectAccessible(ben);
    await needs.getByRole('link', { name: 'Abrir el resumen y hacer una pregunta' }).click();
    await ben.getByRole('heading', { level: 1, name: 'El resumen de la revisión de su caso' }).waitFor();
    const summary = ben.getByRole('article');
    await summary.getByText('El equipo experto de Northgate Reference Centre ha revisado su caso.').waitFor();
    await summary.getByText('Están de acuerdo con el diagnóstico que hicieron sus médicos.').waitFor();
    await summary.getByText('• Quimioterapia y radioterapia a la vez').waitFor();
    await summary.getByText('Hablaremos del tratamiento en su próxima visita.').waitFor();
    expect(await summary.getAttribute('lang')).toBe('es');
    expect(await fitsWidth(ben)).toBe(true);
    await expectAccessible(ben);
    await saveScreenshot(ben, 'case-review-summary-es-360');

    // His question goes into his care-team thread, naming the summary.
    await ben.getByLabel('Su pregunta').fill('¿Cuántas sesiones de radioterapia serán?');
    await ben.getByRole('button', { name: 'Enviar mi pregunta' }).click();
    await ben.waitForURL(`**/patient/messages/${packet.threadId}`);
    const conversation = ben.getByRole('log');
    await conversation.getByText('¿Cuántas sesiones de radioterapia serán?', { exact: false }).waitFor();
    await conversation.getByText('Sobre el resumen de la revisión de mi caso de Northgate Reference Centre', { exact: false }).waitFor();
    await expectAccessible(ben);

    for (const page of [rhea, ben]) await assertNoPageErrors(page);
  });
});
