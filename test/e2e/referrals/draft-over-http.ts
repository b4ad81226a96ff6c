import { expect } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';

/**
 * A draft referral to Northgate made by Nora over HTTP, for browser tests whose subject comes after the
 * wizard (the wizard itself is walked in referral-flow.test.ts).
 */
export async function draftOverHttp(baseUrl: string, patient: 'ana' | 'ben', type: string): Promise<{ nora: Client; id: string }> {
  const as: Record<string, Client> = {};
  const ids: Record<string, string> = {};
  await loginDemoUsers(baseUrl, ['nora', patient], as, ids);
  const { sites } = (await (await as.nora!.get('/api/directory/sites')).json()) as { sites: Array<{ id: string; name: string }> };
  const created = await as.nora!.send('POST', '/api/referrals', { patientId: ids[patient], type, toSiteId: sites.find((s) => s.name.startsWith('Northgate'))!.id, topography: 'C49.2', morphology: '8890/3' });
  expect(created.status).toBe(201);
  return { nora: as.nora!, id: ((await created.json()) as { id: string }).id };
}
