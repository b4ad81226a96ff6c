import type { Client } from '../../support/client.ts';
import type { TestServer } from '../../support/server.ts';

export const ESAS_ZERO = { pain: 0, tiredness: 0, drowsiness: 0, nausea: 0, appetite: 0, shortness_of_breath: 0, depression: 0, anxiety: 0, wellbeing: 0 };
export const PHQ_ZERO = { item1: 0, item2: 0, item3: 0, item4: 0, item5: 0, item6: 0, item7: 0, item8: 0, item9: 0 };

export interface SubmitAnswer {
  id: string;
  scores: { total?: number; band?: string; items: Record<string, number> };
  alerts: Array<{ id: string; severity: string; reasons: Array<{ key: string; params?: Record<string, string | number>; text: string }> }>;
  crisis?: { emergency: string; lines: Array<{ phone: string }> };
}

export async function submit(client: Client, instrument: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<SubmitAnswer> {
  const res = await client.send('POST', '/api/checkins', { instrument, answers, ...extra });
  if (res.status !== 201) throw new Error(`submit ${instrument} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as SubmitAnswer;
}

export async function demoIds(server: TestServer) {
  const users = await server.deps.db.query.users.findMany();
  const id = (email: string) => users.find((u) => u.email === email)!.id;
  return { org: users[0]!.orgId, ana: id('ana@demo.test'), ben: id('ben@demo.test'), nora: id('nora@demo.test'), lead: id('lead@demo.test'), carl: id('carl@demo.test'), sam: id('sam@demo.test'), admin: id('admin@demo.test') };
}

export const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

type Stoppable = { stop(force?: boolean): Promise<void> };

/** Workers a test started, force-stopped after each test so a failed one never takes the next test's jobs. */
export function workerTracker() {
  const running: Stoppable[] = [];
  return {
    async track<T extends Stoppable>(starting: Promise<T>): Promise<T> {
      const w = await starting;
      running.push(w);
      return w;
    },
    stopAll: () => Promise.allSettled(running.splice(0).map((w) => w.stop(true))),
  };
}
