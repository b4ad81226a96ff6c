import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, i18n, SUPPORTED_LANGUAGES } from '../i18n.ts';
import { useSession } from '../session.tsx';

/**
 * One button per language, each named in its own language (and marked with its lang so screen
 * readers pronounce it right). Signed in, the choice is saved to the user's profile.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { changeLanguage } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;

  async function choose(lng: string) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await changeLanguage(lng);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="language-switcher">
      <span id={labelId} className="language-label">
        {t('language.label')}
      </span>
      <div role="group" aria-labelledby={labelId} className="segmented">
        {SUPPORTED_LANGUAGES.map((lng) => (
          <button
            key={lng}
            type="button"
            lang={lng}
            aria-pressed={current === lng}
            onClick={() => void choose(lng)}
          >
            {i18n.getFixedT(lng, 'common')('meta.nativeName')}
          </button>
        ))}
      </div>
      {error !== undefined && (
        <p role="alert" className="language-error">
          {t('language.saveFailed')} {errorMessage(t, error)}
        </p>
      )}
    </div>
  );
}
