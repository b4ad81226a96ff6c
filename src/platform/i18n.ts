import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../contracts/common.ts';

const DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

function loadResources() {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const file of readdirSync(DIR + lng).filter((f) => f.endsWith('.json'))) {
      resources[lng][file.slice(0, -5)] = JSON.parse(readFileSync(`${DIR}${lng}/${file}`, 'utf8'));
    }
  }
  return resources;
}

let instance: I18n | undefined;

/** One i18next instance for the server (e-mails, notifications, automatic replies), from locales/. */
export async function initI18n(): Promise<I18n> {
  if (instance) return instance;
  const created = i18next.createInstance();
  await created.init({
    resources: loadResources() as never,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

export function translator(lng: string, ns: string): TFunction {
  if (!instance) throw new Error('initI18n() has not run');
  return instance.getFixedT(lng, ns);
}

/** Picks the best supported locale from an Accept-Language header (RFC 9110 q-values). */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if ((LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return 'en';
}
