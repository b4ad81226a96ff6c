import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../account/ConfirmDialog.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { referralPath, referralsApi } from './api.ts';
import { ConsultationPanel } from './ConsultationPanel.tsx';
import { ScheduleForm } from './ScheduleForm.tsx';
import type { ReferralDetail } from './types.ts';

type Act = (action: 'send' | 'accept' | 'decline' | 'complete' | 'cancel', body?: object) => void;

/** The moves of the state machine this viewer may make now, each with what it needs (a reason, a time). */
export function ReferralActions({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation('referralflow');
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ action, body }: { action: Parameters<Act>[0]; body: object }) => referralsApi.act(referral.id, action, body),
    onSuccess: (r) => client.setQueryData([referralPath(referral.id)], r),
  });
  const act: Act = (action, body = {}) => mutation.mutate({ action, body });
  const { viewer, state } = referral;
  const sender = viewer === 'sender';
  const receiver = viewer === 'receiver';
  const open = ['draft', 'sent', 'accepted', 'scheduled'].includes(state);
  const canCancel = (sender && open) || (receiver && (state === 'accepted' || state === 'scheduled'));
  if (viewer === 'patient' || (!open && !canCancel)) return null;
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">{t('actions.title')}</h2>
      {mutation.isError && <ErrorNotice error={mutation.error} />}
      {sender && state === 'draft' && <SendPanel referral={referral} act={act} busy={mutation.isPending} />}
      {receiver && state === 'sent' && (
        <>
          <button type="button" className="button button-primary" disabled={mutation.isPending} onClick={() => act('accept')}>
            {t('actions.accept')}
          </button>
          <ReasonForm id="decline" label={t('actions.declineReason')} submit={t('actions.decline')} busy={mutation.isPending} onSubmit={(reason) => act('decline', { reason })} />
        </>
      )}
      {receiver && state === 'accepted' && <ScheduleForm referral={referral} />}
      {state === 'scheduled' && referral.consultAppointmentId && <ConsultationPanel referral={referral} appointmentId={referral.consultAppointmentId} />}
      {receiver && state === 'scheduled' && <CompletePanel referral={referral} act={act} busy={mutation.isPending} />}
      {canCancel && <CancelPanel referral={referral} act={act} busy={mutation.isPending} />}
    </section>
  );
}

function SendPanel({ referral, act, busy }: { referral: ReferralDetail; act: Act; busy: boolean }) {
  const { t } = useTranslation('referralflow');
  const blocked: ReactNode[] = [];
  if (!referral.toSiteId) blocked.push(t('actions.sendBlockedSite'));
  if (referral.consent.status !== 'active') blocked.push(t('actions.sendBlockedConsent'));
  return (
    <>
      <p>
        <Link className="button button-secondary" to={`/navigator/referrals/${referral.id}/edit?step=diagnosis`}>
          {t('actions.edit')}
        </Link>
      </p>
      {blocked.length > 0 ? (
        <ul>
          {blocked.map((b, i) => (
            <li key={i}>{b}</li>
          ))}
        </ul>
      ) : referral.checklist.complete ? (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => act('send')}>
          {t('actions.send', { site: referral.toSiteName })}
        </button>
      ) : (
        <ReasonForm id="incomplete" label={t('actions.incompleteReason')} submit={t('actions.sendIncomplete')} minLength={5} busy={busy} onSubmit={(incompleteReason) => act('send', { incompleteReason })} />
      )}
    </>
  );
}

/** Cancelling cannot be undone (the consultation is cancelled, the specialist leaves): it asks once more. */
function CancelPanel({ referral, act, busy }: { referral: ReferralDetail; act: Act; busy: boolean }) {
  const { t } = useTranslation('referralflow');
  const [reason, setReason] = useState<string | null>(null);
  const told = referral.viewer === 'sender' ? t('actions.confirmCancelToldSite', { site: referral.toSiteName }) : t('actions.confirmCancelToldNavigator');
  return (
    <>
      <ReasonForm id="cancel" label={t('actions.cancelReason')} submit={t('actions.cancel')} busy={busy} onSubmit={setReason} />
      <ConfirmDialog
        open={reason !== null}
        title={t('actions.confirmCancelTitle')}
        confirmLabel={t('actions.confirmCancel')}
        cancelLabel={t('actions.keepReferral')}
        danger
        busy={busy}
        onConfirm={() => {
          act('cancel', { reason });
          setReason(null);
        }}
        onCancel={() => setReason(null)}
      >
        <p>{told}</p>
        <p>{t('actions.confirmCancelReason', { reason })}</p>
      </ConfirmDialog>
    </>
  );
}

function CompletePanel({ referral, act, busy }: { referral: ReferralDetail; act: Act; busy: boolean }) {
  const { t } = useTranslation('referralflow');
  const needsRecommendation = (referral.type === 'second_opinion' || referral.type === 'case_review') && !referral.recommendation;
  if (needsRecommendation) {
    return (
      <p>
        {t('actions.completeNeedsRecommendation')} <Link to="/specialist/case-reviews">{t('actions.writeRecommendation')}</Link>
      </p>
    );
  }
  return (
    <button type="button" className="button button-primary" disabled={busy} onClick={() => act('complete')}>
      {t('actions.complete')}
    </button>
  );
}

function ReasonForm({ id, label, submit, busy, minLength = 3, onSubmit }: { id: string; label: string; submit: string; busy: boolean; minLength?: number; onSubmit: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const send = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(reason.trim());
  };
  return (
    <form className="form" onSubmit={send}>
      <div className="field">
        <label htmlFor={`reason-${id}`}>{label}</label>
        <input id={`reason-${id}`} required minLength={minLength} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}
