import { useTranslation } from 'react-i18next';
import type { CrisisView } from './api.ts';

const tel = (phone: string) => `tel:${phone.replace(/[\s()-]/g, '')}`;

/**
 * The numbers of the country the patient is in (not of the language they read): the emergency number,
 * the oncology hotline when the organization has one, then free crisis lines with their hours. Check-ins
 * and chat show the same data (decision 0206).
 */
export function CrisisNumbers({ crisis, lng }: { crisis: CrisisView; lng?: string }) {
  const { t } = useTranslation('checkins', lng ? { lng } : undefined);
  const { t: tr } = useTranslation('rules', lng ? { lng } : undefined);
  return (
    <>
      <p>
        <a className="button crisis-call" href={tel(crisis.emergency)}>
          {t('crisis.emergency')}: {t('crisis.call', { phone: crisis.emergency })}
        </a>
      </p>
      {crisis.oncologyHotline && (
        <p>
          {tr('crisis.oncologyHotline', { hours: crisis.oncologyHotline.hours })}{' '}
          <a href={tel(crisis.oncologyHotline.phone)}>{t('crisis.call', { phone: crisis.oncologyHotline.phone })}</a>
        </p>
      )}
      <h3>{t('crisis.linesTitle')}</h3>
      <ul className="plain-list crisis-lines">
        {crisis.lines.map((l) => (
          <li key={l.phone}>
            <span>{l.name}</span> <span className="muted small">({tr('crisis.hours', { hours: l.hours })})</span>{' '}
            <a href={tel(l.phone)}>{t('crisis.call', { phone: l.phone })}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The check-in's crisis panel and the "get help now" page. */
export function CrisisPanel({ crisis, headingLevel = 2 }: { crisis: CrisisView; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation('checkins');
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-title">
      {headingLevel === 2 && <h2 id="crisis-title">{t('crisis.title')}</h2>}
      {headingLevel === 1 && <p id="crisis-title" className="crisis-lead">{t('crisis.title')}</p>}
      <p>{t('crisis.body')}</p>
      <CrisisNumbers crisis={crisis} />
      <p>{t('crisis.careTeam')}</p>
    </section>
  );
}
