import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useUser } from '../session.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { caseReviewApi, paths, type AgendaItem, type CaseReview } from './api.ts';
import { DiagnosisTerms } from '../referrals/DiagnosisTerms.tsx';
import { PacketViewer } from './PacketViewer.tsx';
import { RecommendationForm } from './RecommendationForm.tsx';

/** One case on the agenda: the question, the packet and, for the receiving specialists, the recommendation. */
export function CasePanel({ review, item }: { review: CaseReview; item: AgendaItem }) {
  const { t } = useTranslation('casereview');
  const { t: tr } = useTranslation('referrals');
  const role = useUser().role;
  const referral = useQuery({ queryKey: [paths.referral(item.referralId)], queryFn: () => caseReviewApi.referral(item.referralId) });
  const heading = t('case.heading', { position: item.position, name: item.patientName ?? t('session.unshared') });
  return (
    <section aria-labelledby="cr-case" className="card cr-case">
      <h2 id="cr-case">{heading}</h2>
      {referral.isPending && <Loading />}
      {referral.isError && <ErrorNotice error={referral.error} onRetry={() => void referral.refetch()} />}
      {referral.data && (
        <>
          <dl className="cr-facts">
            <dt>{tr('columns.type')}</dt>
            <dd>{tr(`types.${referral.data.type}`)}</dd>
            <dt>{tr('detail.diagnosis')}</dt>
            <dd>
              <DiagnosisTerms referral={referral.data} />
            </dd>
            <dt>{tr('columns.state')}</dt>
            <dd>{tr(`states.${referral.data.state}`)}</dd>
          </dl>
          {referral.data.question && (
            <>
              <h3>{tr('detail.question')}</h3>
              <p>{referral.data.question}</p>
            </>
          )}
          <h3>{tr('detail.packet')}</h3>
          {referral.data.packet === null ? <p className="notice notice-info">{tr('detail.packetHidden')}</p> : <PacketViewer referralId={item.referralId} items={referral.data.packet} />}
          <h3>{t('case.recommendation')}</h3>
          {referral.data.recommendation ? (
            <p role="status" className="notice notice-info">
              {t('case.recorded', { diagnosis: t(`form.diagnosis.${referral.data.recommendation.diagnosis}`) })}
            </p>
          ) : role === 'specialist' && referral.data.viewer === 'receiver' && referral.data.state === 'scheduled' ? (
            <RecommendationForm review={review} item={item} />
          ) : (
            <p>{t('case.notYet')}</p>
          )}
        </>
      )}
    </section>
  );
}
