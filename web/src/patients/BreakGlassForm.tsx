import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';

/**
 * Emergency access to a patient outside the care team: a reason (at least 10 characters) and how long,
 * recorded and audited by the server (POST /api/patients/:id/break-glass), then the page loads again.
 */
export function BreakGlassForm({ patientId }: { patientId: string }) {
  const { t } = useTranslation('patient');
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const open = useMutation({
    mutationFn: () => api.post<{ expiresAt?: string }>(`/api/patients/${patientId}/break-glass`, { reason: reason.trim(), minutes }),
    onSuccess: () => client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].includes(patientId) }),
  });
  return (
    <section className="card" aria-labelledby="break-glass-title">
      <h2 id="break-glass-title">{t('breakGlass.title')}</h2>
      <p>{t('breakGlass.intro')}</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); open.mutate(); }}>
        <div className="field">
          <label htmlFor="bg-reason">{t('breakGlass.reason')}</label>
          <textarea id="bg-reason" required minLength={10} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="bg-reason-help" />
          <p id="bg-reason-help" className="muted small">{t('breakGlass.reasonHelp')}</p>
        </div>
        <div className="field">
          <label htmlFor="bg-minutes">{t('breakGlass.minutes')}</label>
          <select id="bg-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[15, 30, 60, 120, 240].map((m) => <option key={m} value={m}>{t('breakGlass.duration', { count: m })}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={open.isPending}>{t('breakGlass.submit')}</button>
      </form>
      {open.isError && <p role="alert" className="field-error">{errorMessage(t, open.error)}</p>}
    </section>
  );
}
