import { Readable } from 'node:stream';

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(name: string, inline: boolean) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A served record runs nothing and loads nothing (SECURITY.md S22). */
export const FILE_CSP = "default-src 'none'; sandbox";
/** Shown inline, only this app's own pages may frame it (the packet viewer). */
export const INLINE_FILE_CSP = `${FILE_CSP}; frame-ancestors 'self'`;

/** Types a browser shows without running anything of the file's own: images and PDF (in its own viewer). */
const VIEWABLE_INLINE = new Set(['image/png', 'image/jpeg', 'application/pdf']);

/**
 * A stored record served safely (SECURITY.md S22): no sniffing, no caching, sandboxed. A download by
 * default; `inline` lets a viewer embed an image or PDF (the sandbox CSP still applies), any other type
 * stays a download.
 */
export function fileResponse(file: { fileName: string; contentType: string; size: number; stream(): NodeJS.ReadableStream }, opts: { inline?: boolean } = {}): Response {
  const inline = opts.inline === true && VIEWABLE_INLINE.has(file.contentType);
  return new Response(Readable.toWeb(file.stream() as Readable) as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.fileName, inline),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': inline ? INLINE_FILE_CSP : FILE_CSP,
    },
  });
}
