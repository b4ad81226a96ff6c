import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../src/platform/i18n.ts';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['fr-FR,ar;q=0.5', 'ar'],
    ['de;q=1,fr;q=0.9', 'en'],
    ['en;q=0.2,es;q=0.8', 'es'],
  ])('%s -> %s', (header, expected) => expect(negotiateLocale(header)).toBe(expected));
});

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  const namespaces = readdirSync('locales/en').filter((f) => f.endsWith('.json'));
  it.each(namespaces)('%s has the same keys in en, es and ar', (file) => {
    const en = keys(JSON.parse(readFileSync(`locales/en/${file}`, 'utf8'))).sort();
    for (const lng of ['es', 'ar']) expect(keys(JSON.parse(readFileSync(`locales/${lng}/${file}`, 'utf8'))).sort(), `${lng}/${file}`).toEqual(en);
  });
});
