import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../session.tsx';
import type { HomeView } from './api.ts';

/** ISO weekday (1 = Monday) in the reader's language: 1 January 2024 was a Monday. */
const weekday = (day: number, lng: string) => new Intl.DateTimeFormat(lng, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day === 0 ? 7 : day)));

/** Who is on the care team, what each does, and how and when to reach them (and what to do out of hours). */
export function CareTeam({ home }: { home: HomeView }) {
  const { t, i18n } = useTranslation('home');
  const user = useUser();
  const base = `/${user.role}`;
  const h = home.hours;
  // The reader's list punctuation (Arabic writes '،'), without an 'and' before the hours that follow.
  const days = new Intl.ListFormat(i18n.language, { type: 'unit', style: 'short' }).format(h.days.map((d) => weekday(d, i18n.language)));
  const opening = h.nextOpening ? new Intl.DateTimeFormat(i18n.language, { timeZone: h.timezone, weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(h.nextOpening)) : null;
  return (
    <section aria-labelledby="team-heading" className="card home-card">
      <h2 id="team-heading">{t('team.heading', { context: home.actingFor ? 'acting' : undefined, name: home.patient.name })}</h2>
      <ul className="plain-list team-list">
        {home.careTeam.map((m) => (
          <li key={m.userId}>
            <strong>{m.name}</strong>
            <span className="hint"> · {t(`team.role.${m.role}`)}</span>
            <p className="hint">{t(`team.does.${m.role}`)}</p>
          </li>
        ))}
      </ul>
      <h3>{t('team.reachHeading')}</h3>
      <p>{t('team.hours', { days, start: h.start, end: h.end, zone: h.timezone })}</p>
      <p>{h.openNow ? t('team.openNow') : opening ? t('team.closedNow', { opening }) : t('team.closed')}</p>
      {home.messages && (
        <p>
          <Link to={`${base}/messages${home.messages.threadId ? `/${home.messages.threadId}` : ''}`}>{t('team.write')}</Link>
        </p>
      )}
      <div className="notice notice-info">
        <p>{t('team.outOfHours')}</p>
        {user.role === 'patient' && (
          <p>
            <Link to={`${base}/crisis`}>{t('team.getHelp')}</Link>
          </p>
        )}
      </div>
    </section>
  );
}
