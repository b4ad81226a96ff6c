/**
 * Text that PostgreSQL cannot store (U+0000) or that no person types (other C0 controls, DEL,
 * unpaired surrogates) is refused at the edge, so it never reaches a query and fails there.
 * Tab, line feed and carriage return stay allowed: people paste them.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function isCleanText(value: string): boolean {
  return value.isWellFormed() && !FORBIDDEN.test(value);
}

/** The path of the first string (value or object key) in a parsed input that is not clean text. */
export function findUncleanText(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return isCleanText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUncleanText(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (!isCleanText(key)) return [...path, key.replace(/[^\x20-\x7e]/g, '?')];
      const found = findUncleanText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
