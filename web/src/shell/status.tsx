import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n.ts';

/** A polite loading message; screen readers hear it once. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {label ?? t('status.loading')}
    </p>
  );
}

/** A failed request, in the user's language, with an optional retry. */
export function ErrorNotice({ error, onRetry, context }: { error: unknown; onRetry?: () => void; context?: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error">
      <p>{errorMessage(t, error, context)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('status.retry')}
        </button>
      )}
    </div>
  );
}

/** Shown instead of a list or panel that has nothing real to show. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
