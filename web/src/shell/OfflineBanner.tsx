import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import './offline.css';

const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/**
 * Says plainly that the device is offline (requests wait and nothing is sent) instead of letting
 * screens fail silently; the live region announces the change to screen-reader users.
 */
export function OfflineBanner() {
  const { t } = useTranslation('home');
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  return (
    <div className="offline-region" role="status" aria-live="polite">
      {!online && (
        <p className="offline-banner">
          <strong>{t('offline.title')}</strong> {t('offline.body')}
        </p>
      )}
    </div>
  );
}
