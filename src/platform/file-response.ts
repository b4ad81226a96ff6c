import { Readable } from 'node:stream';

/** RFC 6266: an ASCII fallback plus the UTF-8 name, always as a download, never rendered inline. */
function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A stored record served safely (SECURITY.md S22): attachment disposition, no sniffing, no caching, sandboxed. */
export function fileResponse(file: { fileName: string; contentType: string; size: number; stream(): NodeJS.ReadableStream }): Response {
  return new Response(Readable.toWeb(file.stream() as Readable) as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
