import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { referralPath, usePath } from './api.ts';
import { ConsentPanel } from './ConsentPanel.tsx';
import { Deadline } from './Deadline.tsx';
import { DiagnosisTerms } from './DiagnosisTerms.tsx';
import { PacketBuilder } from './PacketBuilder.tsx';
import { ReferralActions } from './ReferralActions.tsx';
import type { ReferralDetail } from './types.ts';
import './referrals.css';

/**
 * One referral for staff: what it is, where it stands and its deadline; for the referring navigator
 * the packet builder and consent; for each side the moves it may make now.
 */
export default function ReferralDetailPage() {
  const { t } = useTranslation('referrals');
  const { id = '' } = useParams();
  const ref = usePath<ReferralDetail>(referralPath(id));

  if (ref.isPending) return <Page title={t('board.title')}><Loading /></Page>;
  if (ref.isError) return <Page title={t('board.title')}><ErrorNotice error={ref.error} onRetry={() => void ref.refetch()} /></Page>;
  const r = ref.data;
  const back = r.viewer === 'receiver' ? '/specialist/referrals' : '/navigator/referrals';
  return (
    <Page title={t('detail.title', { type: t(`types.${r.type}`) })}>
      <div className="referral-page">
        <p>
          <Link to={back}>{t('actions.back')}</Link>
        </p>
        <Facts referral={r} />
        {r.question && (
          <section aria-labelledby="ref-question">
            <h2 id="ref-question">{t('detail.question')}</h2>
            <p>{r.question}</p>
          </section>
        )}
        <ReferralActions referral={r} />
        {r.viewer === 'sender' ? (
          <>
            <ConsentPanel referral={r} />
            <PacketBuilder referral={r} />
          </>
        ) : (
          <SharedPacket referral={r} />
        )}
        {r.viewer === 'sender' && r.state !== 'draft' && (
          <p>
            <a className="button button-secondary" href={`/api/referrals/${r.id}/fhir`} download>
              {t('actions.exportFhir')}
            </a>
          </p>
        )}
      </div>
    </Page>
  );
}

function Facts({ referral: r }: { referral: ReferralDetail }) {
  const { t, i18n } = useTranslation('referrals');
  const { t: tf } = useTranslation('referralflow');
  return (
    <dl className="card">
      <dt>{t('columns.patient')}</dt>
      <dd>{r.patientName ?? t('incoming.unshared')}</dd>
      <dt>{t('columns.state')}</dt>
      {/* Announced when it changes: by this reader's move (the form that made it is gone) or the other side's. */}
      <dd aria-live="polite">{t(`states.${r.state}`)}</dd>
      <dt>{t('columns.site')}</dt>
      <dd>{r.toSiteName || '–'}</dd>
      <dt>{tf('detail.urgency')}</dt>
      <dd>{tf(`wizard.urgencies.${r.urgency}`)}</dd>
      <dt>{tf('detail.deadline')}</dt>
      <dd>
        <Deadline at={r.deadlineAt} overdue={r.overdue} />
      </dd>
      {r.scheduledFor && (
        <>
          <dt>{tf('detail.scheduled')}</dt>
          <dd>
            <time dateTime={r.scheduledFor}>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(r.scheduledFor))}</time>
          </dd>
        </>
      )}
      <dt>{t('detail.diagnosis')}</dt>
      <dd>
        <DiagnosisTerms referral={r} />
      </dd>
      <dt>{t('columns.domain')}</dt>
      <dd>{t(`domains.${r.domain ?? 'none'}`)}</dd>
      <dt>{t('detail.consent')}</dt>
      <dd>{t(`consent.${r.consent.status}`)}</dd>
      {r.declineReason && (
        <>
          <dt>{t('states.declined')}</dt>
          <dd>{t('detail.declinedBecause', { reason: r.declineReason })}</dd>
        </>
      )}
      {r.cancelReason && (
        <>
          <dt>{t('states.cancelled')}</dt>
          <dd>{r.cancelReason}</dd>
        </>
      )}
    </dl>
  );
}

/** The receiving site's view of the packet: shared only under the patient's active consent. */
function SharedPacket({ referral: r }: { referral: ReferralDetail }) {
  const { t } = useTranslation('referrals');
  const { t: tf } = useTranslation('referralflow');
  return (
    <section aria-labelledby="ref-packet">
      <h2 id="ref-packet">{t('detail.packet')}</h2>
      {r.packet === null ? (
        <p className="notice notice-info">{t('detail.packetHidden')}</p>
      ) : r.packet.length === 0 ? (
        <p className="empty-state">{t('detail.packetEmpty')}</p>
      ) : (
        <ul className="plain-list">
          {r.packet.map((p) => (
            <li key={p.id}>
              <strong>{t(`packetKinds.${p.kind}`)}</strong>:{' '}
              {p.attachmentId ? (
                <a href={`/api/referrals/${r.id}/packet/${p.id}/file`} target="_blank" rel="noreferrer" aria-label={tf('packet.open', { title: p.title })}>
                  {p.title}
                </a>
              ) : (
                p.title
              )}
              {p.body && <p className="packet-body">{p.body}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
