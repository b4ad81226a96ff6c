import { afterAll, beforeAll, expect, test } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  await loginDemoUsers(server.url, ['ben', 'nora', 'sam'], as, ids);
});
afterAll(() => server.close());

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const consultThreads = async (who: string) =>
  ((await (await as[who]!.get('/api/threads')).json()) as { threads: Array<{ id: string; kind: string; patientId: string | null }> }).threads.filter((t) => t.kind === 'consult');

test('booking a remote specialist adds them to the care team for the consultation and opens its consult thread', async () => {
  // Sam is not on Ben's care team yet: Ben's record is closed to him.
  expect((await as.sam!.get(`/api/patients/${ids.ben}`)).status).toBe(404);
  expect(await consultThreads('ben')).toEqual([]);

  const res = await as.nora!.send('POST', '/api/appointments', { patientId: ids.ben, kind: 'video', startsAt: inHours(30), endsAt: inHours(31), participantIds: [ids.sam] });
  expect(res.status).toBe(201);
  const appointment = (await res.json()) as { id: string };

  expect((await as.sam!.get(`/api/patients/${ids.ben}`)).status).toBe(200);
  const [forBen] = await consultThreads('ben');
  const [forSam] = await consultThreads('sam');
  expect(forBen).toMatchObject({ patientId: ids.ben });
  expect(forSam?.id).toBe(forBen!.id);

  // The call page links the chat beside the video to that thread.
  const room = await as.sam!.get(`/api/video/rooms/appointment/${appointment.id}`);
  expect(room.status).toBe(200);
  expect(((await room.json()) as { chatPath: string | null }).chatPath).toBe(`/specialist/messages/${forBen!.id}`);
});
