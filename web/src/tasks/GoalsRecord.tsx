import { useTranslation } from 'react-i18next';
import type { GoalsVersion } from './api.ts';

/** One version of a goals-of-care record, labels in the reader's language. */
export function GoalsRecord({ g }: { g: GoalsVersion }) {
  const { t, i18n } = useTranslation('tasks');
  const lang = new Intl.DisplayNames([i18n.language], { type: 'language' });
  return (
    <dl className="record">
      <dt>{t('goals.whatMatters')}</dt>
      <dd lang={g.language}>{g.whatMatters}</dd>
      {g.worries && (<><dt>{t('goals.worries')}</dt><dd lang={g.language}>{g.worries}</dd></>)}
      <dt>{t('goals.preferredPlace')}</dt>
      <dd>{t(`goals.place.${g.preferredPlace}`)}</dd>
      {g.decisionMaker && (<><dt>{t('goals.decisionMaker')}</dt><dd lang={g.language}>{g.decisionMaker}</dd></>)}
      <dt>{t('goals.documents')}</dt>
      <dd>{g.documents.length ? g.documents.map((d) => t(`goals.document.${d}`)).join(', ') : t('goals.document.none')}</dd>
      <dt>{t('goals.language')}</dt>
      <dd>{lang.of(g.language) ?? g.language}</dd>
    </dl>
  );
}

/** Every version, newest first, each with who recorded it and when. */
export function GoalsHistory({ history }: { history: GoalsVersion[] }) {
  const { t, i18n } = useTranslation('tasks');
  return (
    <section aria-labelledby="goc-history">
      <h2 id="goc-history">{t('goals.history')}</h2>
      {history.map((g) => (
        <details key={g.id}>
          <summary>
            {t('goals.version', { version: g.version, when: new Date(g.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) })}
            {g.recordedBy ? ` · ${t('goals.recordedBy', { name: g.recordedBy })}` : ''}
          </summary>
          <GoalsRecord g={g} />
        </details>
      ))}
    </section>
  );
}
