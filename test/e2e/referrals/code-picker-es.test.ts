import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';
import { draftOverHttp } from './draft-over-http.ts';

const ctx = useServerAndBrowser();

describe('the ICD-O-3 picker in Spanish', () => {
  test('Nora, in Spanish on her phone, finds codes by Spanish and English words and sees Spanish terms with the codes, in the picker and on the referral page', async () => {
    const { id } = await draftOverHttp(ctx.server.url, 'ben', 'second_opinion');
    const nora = await signIn(ctx, 'nora@demo.test', { page: { viewport: { width: 360, height: 780 } } });
    await nora.goto(`/navigator/referrals/${id}/edit`);
    await nora.getByRole('button', { name: 'Español' }).click();
    // The draft's site is chosen (Spanish term shown); she changes it.
    await nora.getByText('Elegido: C49.2 Tejido conjuntivo, subcutáneo y otros tejidos blandos del miembro inferior y de la cadera').waitFor();
    await nora.getByRole('button', { name: 'Cambiar: Topografía CIE-O-3 (localización)' }).click();
    const site = nora.getByLabel('Topografía CIE-O-3 (localización)');
    await site.fill('estomago cuerpo');
    await nora.getByRole('button', { name: 'C16.2 Cuerpo del estómago' }).waitFor();
    await expectAccessible(nora);
    // An English word finds the code too; the term shown stays Spanish.
    await site.fill('jejunum');
    await nora.getByRole('button', { name: 'C17.1 Yeyuno' }).click();
    await nora.getByText('Elegido: C17.1 Yeyuno').waitFor();
    await expectAccessible(nora);
    // The referral's page shows the saved codes with their Spanish terms too, never the English ones.
    await nora.goto(`/navigator/referrals/${id}`);
    // Both the facts and the packet preview.
    const diagnosis = nora.getByText('C49.2 Tejido conjuntivo, subcutáneo y otros tejidos blandos del miembro inferior y de la cadera · 8890/3 Leiomiosarcoma, SAI');
    await expect.poll(() => diagnosis.count()).toBe(2);
    expect(await nora.getByText('Leiomyosarcoma, NOS').count()).toBe(0);
    await expectAccessible(nora);
    await assertNoPageErrors(nora);
  }, 120_000);
});
