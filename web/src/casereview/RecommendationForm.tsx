import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n.ts';
import { ErrorNotice } from '../shell/status.tsx';
import { caseReviewApi, paths, TREATMENT_CODES, type AgendaItem, type CaseReview, type TreatmentCode } from './api.ts';

const FOLLOW_UP = ['local_team', 'reference_centre', 'shared'] as const;
const MAX_TRIALS = 10;

/**
 * The board's structured recommendation for one case. The patient's summary is composed from these
 * fields in the patient's language; the note for the patient is written by the author in that language
 * (the form names it and marks the field with it) and is never machine-translated.
 */
export function RecommendationForm({ review, item }: { review: CaseReview; item: AgendaItem }) {
  const { t } = useTranslation('casereview');
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const language = item.patientLocale ?? 'en';
  const languageName = tr(`languages.${language}`);
  const [diagnosis, setDiagnosis] = useState<'confirmed' | 'revised'>('confirmed');
  const [topography, setTopography] = useState('');
  const [morphology, setMorphology] = useState('');
  const [treatment, setTreatment] = useState<TreatmentCode[]>([]);
  const [detail, setDetail] = useState('');
  const [trials, setTrials] = useState<Array<{ registryId: string; title: string }>>([]);
  const [followWith, setFollowWith] = useState<(typeof FOLLOW_UP)[number]>('local_team');
  const [weeks, setWeeks] = useState(4);
  const [note, setNote] = useState('');
  const [missingTreatment, setMissingTreatment] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      caseReviewApi.recommend(item.referralId, {
        caseReviewId: review.id,
        diagnosis,
        ...(diagnosis === 'revised' ? { revisedTopography: topography.trim(), revisedMorphology: morphology.trim() } : {}),
        treatment,
        treatmentDetail: detail,
        trials: trials.filter((x) => x.registryId.trim() || x.title.trim()),
        followUp: { with: followWith, inWeeks: weeks },
        ...(note.trim() ? { noteForPatient: note.trim(), noteLanguage: language } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ predicate: (q) => [paths.referral(item.referralId), paths.caseReview(review.id)].includes(String(q.queryKey[0])) }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingTreatment(treatment.length === 0);
    if (treatment.length > 0) save.mutate();
  };
  const toggle = (code: TreatmentCode, on: boolean) => setTreatment((cur) => (on ? [...cur, code] : cur.filter((c) => c !== code)));
  const setTrial = (n: number, patch: Partial<{ registryId: string; title: string }>) => setTrials((cur) => cur.map((x, i) => (i === n ? { ...x, ...patch } : x)));

  return (
    <form className="form cr-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('form.diagnosisLegend')}</legend>
        {(['confirmed', 'revised'] as const).map((d) => (
          <label key={d} className="cr-choice">
            <input type="radio" name="cr-diagnosis" value={d} checked={diagnosis === d} onChange={() => setDiagnosis(d)} /> {t(`form.diagnosis.${d}`)}
          </label>
        ))}
        {diagnosis === 'revised' && (
          <div className="cr-row">
            <div className="field">
              <label htmlFor="cr-topo">{t('form.topography')}</label>
              <input id="cr-topo" value={topography} onChange={(e) => setTopography(e.target.value)} required pattern="C\d{2}\.\d" placeholder="C49.2" />
            </div>
            <div className="field">
              <label htmlFor="cr-morph">{t('form.morphology')}</label>
              <input id="cr-morph" value={morphology} onChange={(e) => setMorphology(e.target.value)} required pattern="\d{4}/[0-369]" placeholder="8890/3" />
            </div>
          </div>
        )}
      </fieldset>
      <fieldset aria-describedby={missingTreatment ? 'cr-treatment-error' : undefined}>
        <legend>{t('form.treatmentLegend')}</legend>
        {TREATMENT_CODES.map((code) => (
          <label key={code} className="cr-choice">
            <input type="checkbox" checked={treatment.includes(code)} onChange={(e) => toggle(code, e.target.checked)} /> {t(`form.treatment.${code}`)}
          </label>
        ))}
        {missingTreatment && (
          <p id="cr-treatment-error" role="alert" className="field-error">
            {t('form.treatmentRequired')}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="cr-detail">{t('form.detail')}</label>
        <textarea id="cr-detail" rows={3} maxLength={4000} value={detail} onChange={(e) => setDetail(e.target.value)} />
      </div>
      <fieldset>
        <legend>{t('form.trialsLegend')}</legend>
        {trials.map((trial, n) => (
          <div key={n} className="cr-row">
            <div className="field">
              <label htmlFor={`cr-trial-id-${n}`}>{t('form.trialId', { n: n + 1 })}</label>
              <input id={`cr-trial-id-${n}`} value={trial.registryId} onChange={(e) => setTrial(n, { registryId: e.target.value })} required pattern="[A-Za-z0-9\-]{4,40}" placeholder="NCT01234567" />
            </div>
            <div className="field">
              <label htmlFor={`cr-trial-title-${n}`}>{t('form.trialTitle', { n: n + 1 })}</label>
              <input id={`cr-trial-title-${n}`} value={trial.title} onChange={(e) => setTrial(n, { title: e.target.value })} required maxLength={300} />
            </div>
            <button type="button" className="button button-secondary" onClick={() => setTrials((cur) => cur.filter((_, i) => i !== n))}>
              {t('form.trialRemove', { n: n + 1 })}
            </button>
          </div>
        ))}
        {trials.length < MAX_TRIALS && (
          <button type="button" className="button button-secondary" onClick={() => setTrials((cur) => [...cur, { registryId: '', title: '' }])}>
            {t('form.trialAdd')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('form.followUpLegend')}</legend>
        <div className="cr-row">
          <div className="field">
            <label htmlFor="cr-follow-with">{t('form.followWith')}</label>
            <select id="cr-follow-with" value={followWith} onChange={(e) => setFollowWith(e.target.value as (typeof FOLLOW_UP)[number])}>
              {FOLLOW_UP.map((f) => (
                <option key={f} value={f}>
                  {t(`form.follow.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cr-weeks">{t('form.weeks')}</label>
            <input id="cr-weeks" type="number" min={0} max={104} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} required />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('form.patientLegend')}</legend>
        <p id="cr-note-hint" className="hint">
          {t('form.patientHint', { language: languageName })}
        </p>
        <div className="field">
          <label htmlFor="cr-note">{t('form.note', { language: languageName })}</label>
          <textarea id="cr-note" rows={4} maxLength={2000} lang={language} dir={i18n.dir(language)} aria-describedby="cr-note-hint" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </fieldset>
      {save.isError && <ErrorNotice error={save.error} />}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('form.submit')}
      </button>
    </form>
  );
}
