import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import type { DemoIds } from '../demo/seed.ts';
import { onCallRota } from '../alerts/tables.ts';
import { ruleSetFor, score } from './rules.ts';
import { checkins } from './tables.ts';

/**
 * Demo data for check-ins and triage: Nora is on call for a year (lead@demo.test is the clinical lead
 * through users.is_clinical_lead), and Ana has four weekly ESAS-r reports so her trend chart has a shape.
 */
export async function seedDemoCheckins(db: Db, ids: DemoIds) {
  const now = Date.now();
  await db.insert(onCallRota).values({ id: randomUUID(), orgId: ids.org, userId: ids.nora, startsAt: new Date(now - 86_400_000), endsAt: new Date(now + 365 * 86_400_000), createdBy: 'system:demo' });
  const rules = await ruleSetFor(db, ids.org);
  const weeks = [
    { pain: 2, tiredness: 3, drowsiness: 1, nausea: 1, appetite: 2, shortness_of_breath: 0, depression: 1, anxiety: 2, wellbeing: 3 },
    { pain: 3, tiredness: 3, drowsiness: 2, nausea: 1, appetite: 2, shortness_of_breath: 1, depression: 1, anxiety: 2, wellbeing: 3 },
    { pain: 3, tiredness: 4, drowsiness: 2, nausea: 2, appetite: 3, shortness_of_breath: 1, depression: 2, anxiety: 3, wellbeing: 4 },
    { pain: 4, tiredness: 4, drowsiness: 2, nausea: 2, appetite: 3, shortness_of_breath: 1, depression: 2, anxiety: 3, wellbeing: 4 },
  ];
  await db.insert(checkins).values(
    weeks.map((answers, i) => ({
      id: randomUUID(),
      patientId: ids.ana,
      submittedBy: ids.ana,
      instrument: 'esas-r' as const,
      answers,
      scores: score('esas-r', answers),
      ruleSetId: rules.id,
      submittedAt: new Date(now - (weeks.length - i) * 7 * 86_400_000),
    })),
  );
}
