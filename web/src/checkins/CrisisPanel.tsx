import { useTranslation } from 'react-i18next';
import type { CrisisView } from './api.ts';

/** Crisis resources for the user's locale: the emergency number first, then free crisis lines. */
export function CrisisPanel({ crisis, headingLevel = 2 }: { crisis: CrisisView; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation('checkins');
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-title">
      {headingLevel === 2 && <Heading id="crisis-title">{t('crisis.title')}</Heading>}
      {headingLevel === 1 && <p id="crisis-title" className="crisis-lead">{t('crisis.title')}</p>}
      <p>{t('crisis.body')}</p>
      <p>
        <a className="button crisis-call" href={`tel:${crisis.emergency}`}>
          {t('crisis.emergency')}: {t('crisis.call', { phone: crisis.emergency })}
        </a>
      </p>
      <h3>{t('crisis.linesTitle')}</h3>
      <ul className="plain-list crisis-lines">
        {crisis.lines.map((l) => (
          <li key={l.labelKey + l.phone}>
            <span>{t(l.labelKey)}</span>{' '}
            <a href={`tel:${l.phone.replace(/\s/g, '')}`}>{t('crisis.call', { phone: l.phone })}</a>
          </li>
        ))}
      </ul>
      <p>{t('crisis.careTeam')}</p>
    </section>
  );
}
