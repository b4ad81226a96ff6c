import { useTranslation } from 'react-i18next';
import type { InstrumentId } from './api.ts';

/**
 * Instrument wording: in the user's language where a translation ships (locales/<lng>/checkins.json
 * says so with `instrumentLanguage`), otherwise the original, marked, never machine-translated.
 */
export function useInstrumentText(instrument: InstrumentId | undefined, shipped: readonly string[]) {
  const { t, i18n } = useTranslation('checkins');
  const wanted = i18n.language;
  const lang = shipped.includes(wanted) && t('instrumentLanguage') === wanted ? wanted : 'en';
  const tx = i18n.getFixedT(lang, 'checkins');
  return {
    lang,
    original: lang !== wanted,
    text: (key: string, params?: Record<string, unknown>) => (instrument ? (tx(`instruments.${instrument}.${key}`, params ?? {}) as string) : ''),
    scale: (scale: string, value: number) => tx(`scales.${scale}.${value}`) as string,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
  };
}
