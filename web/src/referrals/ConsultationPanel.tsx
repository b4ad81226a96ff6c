import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../session.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { referralPath, referralsApi } from './api.ts';
import type { ReferralDetail } from './types.ts';

/**
 * The video consultation a scheduled referral booked (docs/decisions/0508): a way into its video room,
 * and for the receiving site a new time, which moves the appointment and its reminders.
 */
export function ConsultationPanel({ referral, appointmentId }: { referral: ReferralDetail; appointmentId: string }) {
  const { t } = useTranslation('referralflow');
  const user = useUser();
  const client = useQueryClient();
  const [when, setWhen] = useState('');
  const move = useMutation({
    mutationFn: () => referralsApi.act(referral.id, 'schedule', { scheduledFor: new Date(when).toISOString() }),
    onSuccess: (r) => {
      client.setQueryData([referralPath(referral.id)], r);
      setWhen('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  return (
    <div className="consultation">
      <p>{t('consultation.booked')}</p>
      <p>
        <Link className="button button-primary" to={`/${user.role}/video/appointment/${appointmentId}`}>
          {t('consultation.join')}
        </Link>
      </p>
      {referral.viewer === 'receiver' && (
        <form className="form" onSubmit={submit} aria-label={t('consultation.move')}>
          <div className="field">
            <label htmlFor="consultation-when">{t('consultation.newTime')}</label>
            <input id="consultation-when" type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
          </div>
          {move.isError && <ErrorNotice error={move.error} />}
          <button type="submit" className="button button-secondary" disabled={move.isPending}>
            {t('consultation.move')}
          </button>
        </form>
      )}
    </div>
  );
}
