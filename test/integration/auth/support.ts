import type { TestServer } from '../../support/server.ts';

export const post = (server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Every test starts with empty login counters: all requests here come from one client, 127.0.0.1. */
export async function resetLimits(server: TestServer): Promise<void> {
  const { redis } = server.deps;
  const keys = await redis.keys(`${server.env.REDIS_PREFIX}:rl:*`);
  if (keys.length) await redis.del(...keys);
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}
