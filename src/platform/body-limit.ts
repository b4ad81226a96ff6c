import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

export interface LargeBodyRoute {
  method: string;
  path: RegExp;
  maxBytes: number;
}

/**
 * One body limit for every request, whatever its Content-Type claims: small JSON everywhere, and a
 * larger limit only on the routes named here (the upload routes). A declared length over the limit
 * is answered before reading; a body that lies about its length is cut off while streaming.
 */
export function bodyLimits(defaultMaxBytes: number, largeRoutes: LargeBodyRoute[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = largeRoutes.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    const maxSize = route?.maxBytes ?? defaultMaxBytes;
    const tooLarge = () => new AppError('invalid', 'The request body is too large.', [{ path: route ? 'file' : 'body', message: 'too_large' }]);
    if (Number(c.req.header('content-length') ?? 0) > maxSize) {
      // Read and drop the body first, so the client receives the answer instead of a reset connection.
      await drain(c.req.raw.body, 2 * maxSize);
      throw tooLarge();
    }
    return bodyLimit({ maxSize, onError: () => { throw tooLarge(); } })(c, next);
  };
}

async function drain(body: ReadableStream<Uint8Array> | null, max: number) {
  if (!body) return;
  let read = 0;
  for await (const chunk of body) if ((read += chunk.byteLength) > max) break;
}
