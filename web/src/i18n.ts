/**
 * Every string the web app shows comes from locales/<lng>/<namespace>.json. Each file found there
 * becomes a namespace (common, errors, and whatever domains add later: messaging, checkins, ...),
 * each folder a language: adding a file or a language needs no change here.
 */
import i18next, { type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ApiError, type ErrorCode } from './api.ts';

type Bundle = Record<string, unknown>;

const files = import.meta.glob<Bundle>('../../locales/*/*.json', { eager: true, import: 'default' });

function buildResources(): { resources: Resource; languages: string[]; namespaces: string[] } {
  const resources: Record<string, ResourceLanguage> = {};
  const namespaces = new Set<string>();
  for (const [path, bundle] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lng, ns] = match as unknown as [string, string, string];
    (resources[lng] ??= {})[ns] = bundle;
    namespaces.add(ns);
  }
  return { resources, languages: Object.keys(resources).sort(), namespaces: [...namespaces].sort() };
}

const { resources, languages, namespaces } = buildResources();

/** Languages offered in the switcher: ours in a fixed order, then any other locale folder found. */
const PREFERRED_ORDER = ['en', 'es', 'ar'];
export const SUPPORTED_LANGUAGES: readonly string[] = [
  ...PREFERRED_ORDER.filter((l) => languages.includes(l)),
  ...languages.filter((l) => !PREFERRED_ORDER.includes(l)),
];
export const FALLBACK_LANGUAGE = 'en';

/** Maps a BCP 47 tag ('es-MX', 'ar-EG') to a supported language, or undefined. */
export function matchLanguage(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (SUPPORTED_LANGUAGES.includes(lower)) return lower;
  const base = lower.split('-')[0];
  return base && SUPPORTED_LANGUAGES.includes(base) ? base : undefined;
}

/** Before login: the first of the browser's preferred languages we support, else English. */
export function browserLanguage(): string {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lng = matchLanguage(tag);
    if (lng) return lng;
  }
  return FALLBACK_LANGUAGE;
}

function applyToDocument(lng: string): void {
  const root = document.documentElement;
  root.lang = lng;
  root.dir = i18next.dir(lng);
}

export const i18n = i18next;

// Resources are bundled, so initialise synchronously: the first render already has its strings.
void i18next.use(initReactI18next).init({
  initAsync: false,
  resources,
  lng: browserLanguage(),
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  nonExplicitSupportedLngs: true,
  load: 'languageOnly',
  ns: namespaces,
  defaultNS: 'common',
  fallbackNS: false,
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
  react: { useSuspense: false },
});

applyToDocument(i18next.language);
i18next.on('languageChanged', applyToDocument);

/**
 * The translated message for an error: server codes through the `errors` namespace, with an
 * optional context (`errorMessage(t, err, 'login')` tries `errors:unauthorized_login` first).
 */
export function errorMessage(t: TFunction, error: unknown, context?: string): string {
  const code: ErrorCode = error instanceof ApiError ? error.code : 'internal';
  return context ? t(`errors:${code}`, { context }) : t(`errors:${code}`);
}
