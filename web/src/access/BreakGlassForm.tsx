import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { accessApi } from './api.ts';

const MINUTES = [15, 30, 60, 120, 240];

/**
 * Emergency access for clinical staff outside the patient's care team: a reason (at least 10
 * characters; a renewal needs a new one) and a duration. Everything read under it is audited as
 * emergency and the patient's navigator and the clinical lead are told (SECURITY.md S21, S24).
 */
export function BreakGlassForm({ patientId, onGranted }: { patientId: string; onGranted: () => void }) {
  const { t } = useTranslation('access');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const grant = useMutation({ mutationFn: () => accessApi.breakGlass(patientId, reason.trim(), minutes), onSuccess: onGranted });
  const tooShort = reason.trim().length < 10;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!tooShort) grant.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="card" aria-labelledby="break-glass-heading">
      <h2 id="break-glass-heading">{t('breakGlass.heading')}</h2>
      <p>{t('breakGlass.explain')}</p>
      <label htmlFor="break-glass-reason">{t('breakGlass.reason')}</label>
      <textarea id="break-glass-reason" required minLength={10} maxLength={500} value={reason} aria-describedby="break-glass-hint" onChange={(e) => setReason(e.target.value)} />
      <p id="break-glass-hint">{t('breakGlass.reasonHint')}</p>
      <label htmlFor="break-glass-minutes">{t('breakGlass.minutes')}</label>
      <select id="break-glass-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
        {MINUTES.map((m) => (
          <option key={m} value={m}>
            {t('breakGlass.minutesOption', { count: m })}
          </option>
        ))}
      </select>
      {grant.isError && <ErrorNotice error={grant.error} context="breakGlass" />}
      <button type="submit" className="button" disabled={tooShort || grant.isPending}>
        {t('breakGlass.submit')}
      </button>
    </form>
  );
}
