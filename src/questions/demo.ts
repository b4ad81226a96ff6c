import { randomUUID } from 'node:crypto';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { insertQuestion } from './repo.ts';

/** Ana's two open questions for her next visit: one for Dr Okafor, one for whoever she sees next. */
export async function seedDemoQuestions(db: Db, ids: DemoIds) {
  await insertQuestion(db, { id: randomUUID(), patientId: ids.ana, authorId: ids.ana, clinicianId: ids.sam, body: 'Will I need radiotherapy before the operation?' });
  await insertQuestion(db, { id: randomUUID(), patientId: ids.ana, authorId: ids.ana, clinicianId: null, body: 'Can I keep working during treatment?' });
}
