import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsRequest {
  key: string | undefined;
  to: string;
  text: string;
}

/**
 * A tiny SMS gateway on 127.0.0.1: the protocol boundary we test SMS at. It keeps every request and
 * delivers once per Idempotency-Key, as real gateways do with a client reference. `hold` keeps the
 * next request open without answering (a worker killed mid-send never sees the answer).
 */
export async function startSmsGateway() {
  const requests: SmsRequest[] = [];
  const delivered = new Map<string, SmsRequest>();
  const held: ServerResponse[] = [];
  let holdNext = false;
  let onRequest: (() => void) | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
      const key = req.headers['idempotency-key'] as string | undefined;
      const r = { key, to: body.to, text: body.text };
      requests.push(r);
      const k = key ?? `anon-${requests.length}`;
      if (!delivered.has(k)) delivered.set(k, r);
      onRequest?.();
      if (holdNext) {
        holdNext = false;
        held.push(res);
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    requests,
    delivered,
    holdNextRequest() {
      holdNext = true;
    },
    nextRequest: () => new Promise<void>((resolve) => (onRequest = resolve)),
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
