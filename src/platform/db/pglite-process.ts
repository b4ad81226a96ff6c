// The PGlite backend in a process of its own (decision 0025). The server's connections send it their
// protocol exchanges (each up to a Sync) without waiting for one another; it runs them one at a time, in
// the order they came, except that a connection inside a transaction has the backend to itself until the
// transaction ends: the others' exchanges wait here, as they would wait for a lock in PostgreSQL.
import { Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { readFrames, writeFrame } from './pglite-frames.ts';

const Close = z.object({ close: z.literal(true) });

const dir = z.string().min(1).parse(process.argv[2]);
// A new WAL segment is not zero-filled first: writing 16 MB held every statement for 100-400 ms each time
// one began (decision 0024). PGlite already runs without fsync (-F).
const startParams = [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'];
const pglite = await PGlite.create(dir === 'memory://' ? undefined : dir, { startParams });
/** Exchanges in, replies out, as frames (`pglite-frames.ts`); the IPC channel carries only ready and close. */
const wire = new Socket({ fd: 3, readable: true, writable: true });

/** Named statements the backend holds: they belong to its one session, whichever connection parsed them. */
const prepared = new Set<string>();
const PARSE_COMPLETE = Buffer.from([0x31, 0, 0, 0, 4]);
const queue: Array<{ c: number; x: Buffer }> = [];
/** The connection whose transaction is open, if any. */
let owner: number | undefined;
let running = false;

/** The name a leading Parse gives its statement ('' for none). */
function parsedName(x: Buffer): string {
  return x[0] === 0x50 ? x.toString('utf8', 5, x.indexOf(0, 5)) : '';
}

/** The transaction status of the last ReadyForQuery in a reply ('I' idle), or undefined without one. */
function statusAfter(reply: Buffer): string | undefined {
  let status: string | undefined;
  for (let at = 0; at + 5 <= reply.length; at += 1 + reply.readInt32BE(at + 1)) {
    if (reply[at] === 0x5a) status = String.fromCharCode(reply[at + 5]!);
  }
  return status;
}

async function run() {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const i = owner === undefined ? 0 : queue.findIndex((q) => q.c === owner);
      if (i < 0 || i >= queue.length) return;
      const [{ c, x }] = queue.splice(i, 1) as [{ c: number; x: Buffer }];
      const name = parsedName(x);
      // A second connection parsing a statement the session already holds: answered without parsing again.
      const again = name !== '' && prepared.has(name);
      const parts: Uint8Array[] = again ? [PARSE_COMPLETE] : [];
      try {
        await pglite.execProtocolRawStream(again ? x.subarray(1 + x.readInt32BE(1)) : x, { onRawData: (b) => void parts.push(b.slice()) });
      } catch (err) {
        // Only a broken backend throws (a statement's error is a message in the reply): the server hears this
        // process end, and every statement fails from then on.
        process.stderr.write(`PGlite failed: ${(err as Error).message}\n`);
        process.exit(1);
      }
      const reply = Buffer.concat(parts);
      if (name && reply[0] === 0x31) prepared.add(name);
      const status = statusAfter(reply);
      owner = status === 'I' ? undefined : c;
      writeFrame(wire, c, reply);
    }
  } finally {
    running = false;
  }
}

readFrames(wire, (c, x) => {
  queue.push({ c, x });
  void run();
});
process.on('message', (raw) => {
  Close.parse(raw);
  void pglite.close().then(() => process.disconnect());
});
// The server went away without closing: nothing else can reach this database.
process.on('disconnect', () => void pglite.close().finally(() => process.exit(0)));
process.send?.({ ready: true });
