import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PatientSummary } from '../../../src/contracts/people.ts';
import { REFERRAL_TYPES, REFERRAL_URGENCIES, type ReferralType, type ReferralUrgency } from '../../../src/contracts/referrals.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { referralPath, referralsApi, usePath, type DraftPatch } from './api.ts';
import { DiagnosisStep } from './DiagnosisStep.tsx';
import { SiteStep } from './SiteStep.tsx';
import type { ReferralDetail } from './types.ts';
import './referrals.css';

export const STEPS = ['type', 'diagnosis', 'site', 'question'] as const;
export type Step = (typeof STEPS)[number];

/**
 * The navigator's referral wizard: type, diagnosis (ICD-O-3 with the suggested routing), receiving
 * site, then the question and urgency. The draft is created by the first step and saved by every
 * later one, so leaving half-way loses nothing; the packet, consent and sending follow on the
 * referral's own page.
 */
export default function ReferralWizard() {
  const { t } = useTranslation('referralflow');
  const { id } = useParams();
  const [params] = useSearchParams();
  const step: Step = id ? ((STEPS as readonly string[]).includes(params.get('step') ?? '') ? (params.get('step') as Step) : 'diagnosis') : 'type';
  const draft = usePath<ReferralDetail>(id ? referralPath(id) : null);
  const index = STEPS.indexOf(step);
  const title = id ? t('wizard.editTitle') : t('wizard.title');

  return (
    <Page title={`${title}: ${t(`wizard.step.${step}`)}`} heading={title}>
      <nav aria-label={t('wizard.steps')}>
        <ol className="wizard-steps">
          {STEPS.map((s) => (
            <li key={s} aria-current={s === step ? 'step' : undefined}>
              {id && s !== 'type' && s !== step ? <Link to={`/navigator/referrals/${id}/edit?step=${s}`}>{t(`wizard.step.${s}`)}</Link> : t(`wizard.step.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <h2>
        {t('wizard.stepOf', { current: index + 1, total: STEPS.length })}: {t(`wizard.step.${step}`)}
      </h2>
      {step === 'type' && <TypeStep />}
      {id && draft.isPending && <Loading />}
      {draft.isError && <ErrorNotice error={draft.error} onRetry={() => void draft.refetch()} />}
      {draft.data && step !== 'type' && <DraftStep step={step} draft={draft.data} />}
    </Page>
  );
}

function TypeStep() {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const fixedPatient = params.get('patient');
  const caseload = usePath<{ patients: PatientSummary[] }>(fixedPatient ? null : '/api/caseload');
  const [patientId, setPatientId] = useState(fixedPatient ?? '');
  const [type, setType] = useState<ReferralType>('second_opinion');
  const create = useMutation({
    mutationFn: () => referralsApi.create({ patientId, type }),
    onSuccess: (r) => navigate(`/navigator/referrals/${r.id}/edit?step=diagnosis`, { replace: true }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      {!fixedPatient && (
        <div className="field">
          <label htmlFor="wizard-patient">{t('wizard.patient')}</label>
          {caseload.isError && <ErrorNotice error={caseload.error} />}
          <select id="wizard-patient" required value={patientId} onChange={(e) => setPatientId(e.target.value)}>
            <option value="">{t('wizard.choosePatient')}</option>
            {caseload.data?.patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset>
        <legend>{t('wizard.type')}</legend>
        {REFERRAL_TYPES.map((ty) => (
          <label key={ty} className="choice">
            <input type="radio" name="type" value={ty} checked={type === ty} onChange={() => setType(ty)} /> {tr(`types.${ty}`)}
          </label>
        ))}
      </fieldset>
      {create.isError && <ErrorNotice error={create.error} />}
      <button type="submit" className="button button-primary" disabled={create.isPending || !patientId}>
        {t('wizard.next')}
      </button>
    </form>
  );
}

/** Steps 2-4 on a saved draft: each saves with PATCH, then moves on. */
function DraftStep({ step, draft }: { step: Exclude<Step, 'type'>; draft: ReferralDetail }) {
  const { t } = useTranslation('referralflow');
  const navigate = useNavigate();
  const client = useQueryClient();
  const next = STEPS[STEPS.indexOf(step) + 1];
  const save = useMutation({
    mutationFn: (patch: DraftPatch) => referralsApi.update(draft.id, patch),
    onSuccess: (updated) => {
      client.setQueryData([referralPath(draft.id)], updated);
      void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(`${referralPath(draft.id)}/`) });
      navigate(next ? `/navigator/referrals/${draft.id}/edit?step=${next}` : `/navigator/referrals/${draft.id}`);
    },
  });
  if (draft.state !== 'draft') {
    return (
      <p>
        <Link to={`/navigator/referrals/${draft.id}`}>{t('wizard.finish')}</Link>
      </p>
    );
  }
  const back = STEPS[STEPS.indexOf(step) - 1];
  return (
    <>
      {save.isError && <ErrorNotice error={save.error} />}
      {step === 'diagnosis' && <DiagnosisStep draft={draft} saving={save.isPending} onSave={(p) => save.mutate(p)} />}
      {step === 'site' && <SiteStep draft={draft} saving={save.isPending} onSave={(p) => save.mutate(p)} />}
      {step === 'question' && <QuestionStep draft={draft} saving={save.isPending} onSave={(p) => save.mutate(p)} />}
      {back && back !== 'type' && (
        <p>
          <Link className="button button-secondary" to={`/navigator/referrals/${draft.id}/edit?step=${back}`}>
            {t('wizard.back')}
          </Link>
        </p>
      )}
    </>
  );
}

export interface StepProps {
  draft: ReferralDetail;
  saving: boolean;
  onSave: (patch: DraftPatch) => void;
}

function QuestionStep({ draft, saving, onSave }: StepProps) {
  const { t } = useTranslation('referralflow');
  const [question, setQuestion] = useState(draft.question ?? '');
  const [urgency, setUrgency] = useState<ReferralUrgency>(draft.urgency);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ question, urgency });
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="wizard-question">{t('wizard.question')}</label>
        <textarea id="wizard-question" rows={5} maxLength={4000} value={question} onChange={(e) => setQuestion(e.target.value)} aria-describedby="wizard-question-hint" />
        <p id="wizard-question-hint" className="hint">
          {t('wizard.questionHint')}
        </p>
      </div>
      <fieldset>
        <legend>{t('wizard.urgency')}</legend>
        {REFERRAL_URGENCIES.map((u) => (
          <label key={u} className="choice">
            <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} /> {t(`wizard.urgencies.${u}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={saving}>
        {t('wizard.finish')}
      </button>
    </form>
  );
}
