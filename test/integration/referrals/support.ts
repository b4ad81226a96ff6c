import { afterAll, beforeAll, expect } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startTestWorkers } from '../../support/workers.ts';

/** The response's JSON body, after checking its status (the body is shown when the status is not the one expected). */
export const json = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body ? JSON.parse(body) : undefined) as T;
};

/**
 * One server (and its workers, unless `workers: false`) for a referral suite, with the named demo users
 * signed in (`as`, `ids`) and the Northgate and Lakeside sites' ids in `ids`.
 */
export function useReferralServer(names: string[], options: { workers?: boolean } = {}) {
  const ctx = { server: undefined as unknown as TestServer, as: {} as Record<string, Client>, ids: {} as Record<string, string> };
  let workers: { stop(force?: boolean): Promise<void> } | undefined;
  beforeAll(async () => {
    ctx.server = await startTestServer();
    if (options.workers !== false) workers = await startTestWorkers(ctx.server);
    await loginDemoUsers(ctx.server.url, names, ctx.as, ctx.ids);
    const sites = (await (await ctx.as.nora!.get('/api/directory/sites')).json()) as { sites: Array<{ id: string; name: string }> };
    ctx.ids.northgate = sites.sites.find((s) => s.name.startsWith('Northgate'))!.id;
    ctx.ids.lakeside = sites.sites.find((s) => s.name.startsWith('Lakeside'))!.id;
  }, 60_000);
  afterAll(async () => {
    await workers?.stop(true);
    await ctx.server.close();
  });
  return ctx;
}
