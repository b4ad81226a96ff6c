import { randomUUID } from 'node:crypto';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { messages, messageThreadMembers, messageThreads } from './tables.ts';

/** Ana's care-team thread with a first exchange, already read by everyone (runs inside the demo seed). */
export async function seedDemoMessaging(db: Db, ids: DemoIds) {
  const threadId = randomUUID();
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await db.insert(messageThreads).values({ id: threadId, orgId: ids.org, kind: 'care_team', patientId: ids.ana, assignedNavigatorId: ids.nora, lastSeq: 2, lastMessageAt: at(55) });
  await db.insert(messageThreadMembers).values([
    { threadId, userId: ids.ana, role: 'patient', lastReadSeq: 2 },
    { threadId, userId: ids.carl, role: 'caregiver', lastReadSeq: 2 },
    { threadId, userId: ids.nora, role: 'navigator', lastReadSeq: 2 },
    { threadId, userId: ids.sam, role: 'specialist', lastReadSeq: 2 },
  ]);
  await db.insert(messages).values([
    { id: randomUUID(), threadId, seq: 1, senderId: ids.nora, clientId: randomUUID(), kind: 'user', body: 'Hello Ana, I am Nora, your navigator. You can write to me here at any time.', createdAt: at(60) },
    { id: randomUUID(), threadId, seq: 2, senderId: ids.ana, clientId: randomUUID(), kind: 'user', body: 'Thank you, Nora. Good to know where to find you.', createdAt: at(55) },
  ]);
}
