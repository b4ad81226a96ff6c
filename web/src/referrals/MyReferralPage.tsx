import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { referralPath, referralsApi, usePath } from './api.ts';
import type { ReferralDetail } from './types.ts';
import './referrals.css';

/**
 * The patient's side of a referral: what would be shared, with whom and why, in their language; they
 * agree or decline, and can withdraw consent at any time. A caregiver answers only when the patient
 * allowed them to (the referral_consent scope, checked by the server at each answer); otherwise reads.
 */
export default function MyReferralPage() {
  const { t, i18n } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const { id = '' } = useParams();
  const user = useUser();
  const client = useQueryClient();
  const ref = usePath<ReferralDetail>(referralPath(id));
  const refresh = () => {
    void client.invalidateQueries({ queryKey: [referralPath(id)] });
    void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/home') });
  };
  const agree = useMutation({ mutationFn: () => referralsApi.giveConsent(id), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => referralsApi.declineConsent(id), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: () => referralsApi.revokeConsent(id), onSuccess: refresh });

  if (ref.isPending) return <Page title={t('mine.title')}><Loading /></Page>;
  if (ref.isError) return <Page title={t('mine.title')}><ErrorNotice error={ref.error} onRetry={() => void ref.refetch()} /></Page>;
  const r = ref.data;
  const c = r.consent;
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));
  const decides = r.mayAnswerConsent;
  const caregiver = user.role === 'caregiver';
  const open = ['draft', 'sent', 'accepted', 'scheduled'].includes(r.state);
  const busy = agree.isPending || decline.isPending || revoke.isPending;
  return (
    <Page title={t('mine.title')}>
      <div className="referral-page">
        <p>
          <Link to={`/${user.role}`}>{tr('actions.back')}</Link>
        </p>
        {(r.state === 'cancelled' || r.state === 'declined') && <p className="notice notice-info">{t(`mine.${r.state}Referral`, { site: r.toSiteName })}</p>}
        <p>{t('mine.intro', { site: r.toSiteName, type: tr(`types.${r.type}`).toLowerCase() })}</p>
        {r.question && (
          <section aria-labelledby="mine-question">
            <h2 id="mine-question">{t('mine.question')}</h2>
            <p>{r.question}</p>
          </section>
        )}
        <section aria-labelledby="mine-what">
          <h2 id="mine-what">{t('mine.whatShared')}</h2>
          <ul>
            {(r.topography || r.morphology) && <li>{tr('detail.diagnosis')}</li>}
            {(r.packet ?? []).map((p) => (
              <li key={p.id}>
                {tr(`packetKinds.${p.kind}`)}: {p.title}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="mine-whom">
          <h2 id="mine-whom">{t('mine.withWhom')}</h2>
          <p>{t('mine.siteLine', { site: r.toSiteName })}</p>
        </section>
        <section aria-labelledby="mine-decide" className="card" aria-live="polite">
          <h2 id="mine-decide">{tr('detail.consent')}</h2>
          {[agree, decline, revoke].map((m, i) => m.isError && <ErrorNotice key={i} error={m.error} />)}
          {c.status === 'active' && <p>{t(c.byCaregiver ? 'mine.activeByCaregiver' : 'mine.active', { date: day(c.grantedAt!) })}</p>}
          {c.status === 'revoked' && <p>{t('mine.revoked')}</p>}
          {c.status !== 'active' && c.declinedAt && <p>{t('mine.declined')}</p>}
          {!decides && <p>{t('mine.caregiverOnly')}</p>}
          {decides && caregiver && <p>{t('mine.onBehalf')}</p>}
          {decides && open && c.status !== 'active' && (
            <div className="actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => agree.mutate()}>
                {t('mine.agree')}
              </button>
              {!c.declinedAt && (
                <button type="button" className="button button-secondary" disabled={busy} onClick={() => decline.mutate()}>
                  {t('mine.decline')}
                </button>
              )}
            </div>
          )}
          {decides && c.status === 'active' && (
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => revoke.mutate()}>
              {t('mine.revoke')}
            </button>
          )}
        </section>
      </div>
    </Page>
  );
}
