import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { accountApi, type AuditVerification } from './api.ts';
import './account.css';

/** Checks the sealed audit log on the server: names altered, removed or added entries and the unsealed tail. */
export function AuditCheck() {
  const { t } = useTranslation('account');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  async function check() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await accountApi.verifyAudit());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const intact = result !== undefined && result.broken.length === 0 && result.brokenSeals.length === 0;
  return (
    <section aria-labelledby="audit-heading" className="card">
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      <p>{t('audit.intro')}</p>
      <button type="button" className="button button-secondary" aria-disabled={busy || undefined} onClick={() => void check()}>
        {busy ? t('audit.checking') : t('audit.check')}
      </button>
      {/* Always in the page, so the outcome is announced when it appears. */}
      <div role="status" aria-live="polite">
        {result && intact && (
          <div className="notice notice-success audit-result">
            <p>{t('audit.intact', { count: result.rows })}</p>
            {result.unsealed.rows > 0 && <p>{t('audit.unsealed', { count: result.unsealed.rows })}</p>}
          </div>
        )}
      </div>
      <div role="alert">
        {result && !intact && (
          <div className="notice notice-error audit-result">
            <p>{t('audit.broken', { count: result.broken.length, rows: result.rows })}</p>
            <ul>
              {result.problems.map((p) => (
                <li key={p.seq}>{t('audit.problem', { seq: p.seq, problem: t(`audit.problems.${p.problem}`) })}</li>
              ))}
            </ul>
            {result.unsealed.rows > 0 && <p>{t('audit.unsealed', { count: result.unsealed.rows })}</p>}
          </div>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
}
