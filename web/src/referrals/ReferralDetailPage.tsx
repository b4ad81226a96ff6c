import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { Deadline } from './Deadline.tsx';
import type { ReferralDetail } from './types.ts';

/** One referral: diagnosis, question, checklist, consent and the packet as this user may see it. */
export default function ReferralDetailPage() {
  const { t } = useTranslation('referrals');
  const { id = '' } = useParams();
  const ref = useApiData<ReferralDetail>(`/api/referrals/${id}`);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const act = async (path: string, body: unknown) => {
    setError(null);
    setSaved(false);
    try {
      await api.post(`/api/referrals/${id}/${path}`, body);
      setSaved(true);
      ref.reload();
    } catch (e) {
      setError(e);
    }
  };

  if (ref.status === 'loading') return <Page title={t('board.title')}><Loading /></Page>;
  if (ref.status === 'error') return <Page title={t('board.title')}><ErrorNotice error={ref.error} onRetry={ref.reload} /></Page>;
  const r = ref.data;
  const back = r.viewer === 'receiver' ? '/specialist/referrals' : '/navigator/referrals';
  const decline = (e: FormEvent) => {
    e.preventDefault();
    void act('decline', { reason });
  };

  return (
    <Page title={t('detail.title', { type: t(`types.${r.type}`) })}>
      <p>
        <Link to={back}>{t('actions.back')}</Link>
      </p>
      {error !== null && <ErrorNotice error={error} />}
      {saved && <p role="status" className="notice notice-info">{t('actions.done')}</p>}
      <dl className="card">
        <dt>{t('columns.patient')}</dt>
        <dd>{r.patientName ?? t('incoming.unshared')}</dd>
        <dt>{t('columns.state')}</dt>
        <dd>{t(`states.${r.state}`)}</dd>
        <dt>{t('columns.site')}</dt>
        <dd>{r.toSiteName}</dd>
        <dt>{t('columns.deadline')}</dt>
        <dd>
          <Deadline at={r.deadlineAt} overdue={r.overdue} />
        </dd>
        <dt>{t('detail.diagnosis')}</dt>
        <dd>{r.mapping ? `${r.topography} ${r.mapping.topography.term} · ${r.morphology} ${r.mapping.morphology.term}` : t('detail.noDiagnosis')}</dd>
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
      </dl>
      {r.question && (
        <section aria-labelledby="ref-question">
          <h2 id="ref-question">{t('detail.question')}</h2>
          <p>{r.question}</p>
        </section>
      )}
      <section aria-labelledby="ref-checklist">
        <h2 id="ref-checklist">{t('detail.checklist')}</h2>
        <ul className="plain-list">
          {r.checklist.items.map((i) => (
            <li key={i.item}>
              {t(`packetKinds.${i.item}`)} ({t(i.required ? 'detail.required' : 'detail.optional')}): <strong>{t(i.done ? 'detail.done' : 'detail.missing')}</strong>
            </li>
          ))}
        </ul>
      </section>
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
                <strong>{t(`packetKinds.${p.kind}`)}</strong>: {p.title}
                {p.body && <p>{p.body}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {r.viewer === 'receiver' && r.state === 'sent' && (
        <section aria-labelledby="ref-answer">
          <h2 id="ref-answer">{t('columns.actions')}</h2>
          <button type="button" className="button button-primary" onClick={() => void act('accept', {})}>
            {t('actions.accept')}
          </button>
          <form className="form" onSubmit={decline}>
            <div className="field">
              <label htmlFor="decline-reason">{t('actions.declineReason')}</label>
              <input id="decline-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
            </div>
            <button type="submit" className="button button-secondary">
              {t('actions.decline')}
            </button>
          </form>
        </section>
      )}
      {r.viewer === 'sender' && r.state !== 'draft' && (
        <p>
          <a className="button button-secondary" href={`/api/referrals/${r.id}/fhir`} download>
            {t('actions.exportFhir')}
          </a>
        </p>
      )}
      {r.viewer === 'sender' && r.state === 'draft' && r.checklist.complete && (
        <button type="button" className="button button-primary" onClick={() => void act('send', {})}>
          {t('actions.send')}
        </button>
      )}
    </Page>
  );
}
