import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { referralPath, referralsApi } from './api.ts';
import type { ReferralDetail } from './types.ts';

/**
 * The navigator's side of consent: ask the patient in the app (a notification and a card on their
 * home), or record consent given in person with who witnessed it; withdraw it on the patient's word.
 */
export function ConsentPanel({ referral }: { referral: ReferralDetail }) {
  const { t, i18n } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: [referralPath(referral.id)] });
  const [method, setMethod] = useState<'verbal' | 'written'>('verbal');
  const [witness, setWitness] = useState('');
  const ask = useMutation({ mutationFn: () => referralsApi.requestConsent(referral.id), onSuccess: refresh });
  const record = useMutation({ mutationFn: () => referralsApi.recordConsent(referral.id, { method, witness }), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: () => referralsApi.revokeConsent(referral.id), onSuccess: refresh });
  const c = referral.consent;
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const open = ['draft', 'sent', 'accepted', 'scheduled'].includes(referral.state);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  return (
    <section aria-labelledby="consent-heading" className="card">
      <h2 id="consent-heading">{t('consent.title')}</h2>
      <p>
        <strong>{t('consent.status', { status: tr(`consent.${c.status}`) })}</strong>
      </p>
      {c.status === 'active' && c.witness && <p>{t('consent.witnessed', { method: t(`consent.methods.${c.method}`), witness: c.witness })}</p>}
      {c.status === 'active' && c.byCaregiver && <p>{t('consent.byCaregiver')}</p>}
      {c.requestedAt && c.status !== 'active' && <p>{t('consent.requestedAt', { date: day(c.requestedAt) })}</p>}
      {c.declinedAt && c.status !== 'active' && <p className="notice notice-info">{t('consent.declinedAt', { date: day(c.declinedAt) })}</p>}
      {[ask, record, revoke].map((m, i) => m.isError && <ErrorNotice key={i} error={m.error} />)}
      {ask.isSuccess && <p role="status">{t('consent.asked')}</p>}
      {open && c.status !== 'active' && (
        <>
          {referral.toSiteId ? (
            <button type="button" className="button button-primary" disabled={ask.isPending} onClick={() => ask.mutate()}>
              {c.requestedAt ? t('consent.askAgain') : t('consent.ask')}
            </button>
          ) : (
            <p>{t('consent.needSite')}</p>
          )}
          <form className="form" onSubmit={submit}>
            <fieldset>
              <legend>{t('consent.record')}</legend>
              {(['verbal', 'written'] as const).map((m) => (
                <label key={m} className="choice">
                  <input type="radio" name="consent-method" value={m} checked={method === m} onChange={() => setMethod(m)} /> {t(`consent.methods.${m}`)}
                </label>
              ))}
              <div className="field">
                <label htmlFor="consent-witness">{t('consent.witness')}</label>
                <input id="consent-witness" required minLength={2} maxLength={200} value={witness} onChange={(e) => setWitness(e.target.value)} />
              </div>
            </fieldset>
            <button type="submit" className="button button-secondary" disabled={record.isPending}>
              {t('consent.recordButton')}
            </button>
          </form>
        </>
      )}
      {c.status === 'active' && open && (
        <button type="button" className="button button-secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {t('consent.revoke')}
        </button>
      )}
    </section>
  );
}
