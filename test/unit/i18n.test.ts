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

// Plural keys differ by language (en: _one _other; es: _one _many _other; ar: all six), so keys are
// compared by stem, and each plural stem must have every form the language's plural rules use.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const stems = (list: string[]) => [...new Set(list.map((k) => k.replace(PLURAL, '')))].sort();

describe('locales', () => {
  const namespaces = readdirSync('locales/en').filter((f) => f.endsWith('.json'));
  it.each(namespaces)('%s has the same keys in en, es and ar, with every plural form', (file) => {
    const en = stems(keys(JSON.parse(readFileSync(`locales/en/${file}`, 'utf8'))));
    for (const lng of ['en', 'es', 'ar']) {
      const own = keys(JSON.parse(readFileSync(`locales/${lng}/${file}`, 'utf8')));
      expect(stems(own), `${lng}/${file}`).toEqual(en);
      const plurals = new Set(own.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      const missing = [...plurals].flatMap((stem) => forms.map((f) => `${stem}_${f}`)).filter((k) => !own.includes(k));
      expect(missing, `${lng}/${file}: missing plural forms`).toEqual([]);
    }
  });
});
