import { randomUUID } from 'node:crypto';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { insertQuestion } from './repo.ts';

/** Ana's two open questions for her next visit: one for Dr Okafor, one for whoever she sees next. */
export async function seedDemoQuestions(db: Db, ids: DemoIds) {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  await insertQuestion(db, { id: randomUUID(), patientId: ids.ana, authorId: ids.ana, clinicianId: ids.sam, body: 'Will I need radiotherapy before the operation?', createdAt: daysAgo(2) });
  await insertQuestion(db, { id: randomUUID(), patientId: ids.ana, authorId: ids.ana, clinicianId: null, body: 'Can I keep working during treatment?', createdAt: daysAgo(1) });
}
