import { useTranslation } from 'react-i18next';
import { itemTitle, formatWhen, type CareTimeline, type TimelineItem } from './api.ts';

const DAY = 86_400_000;
const WEEKS = 8;
const KIND_CLASS: Record<string, string> = { appointment: 'tl-appointment', treatment: 'tl-treatment', checkin: 'tl-checkin', alert: 'tl-alert', referral: 'tl-referral', case_review: 'tl-review' };

/**
 * The plan at a glance: the coming weeks as a strip with one mark per item (an SVG with a text
 * alternative: the list below says the same in words), then the chronological lists.
 */
export function TimelineView({ timeline, timeZone, now }: { timeline: CareTimeline; timeZone: string; now: number }) {
  const { t, i18n } = useTranslation('appointments');
  const upcoming = [...(timeline.next ? [timeline.next] : []), ...timeline.upcoming];
  const inRange = upcoming.filter((i) => Date.parse(i.at) < now + WEEKS * 7 * DAY);
  const width = 640;
  const x = (at: string) => Math.max(0, Math.min(width, ((Date.parse(at) - now) / (WEEKS * 7 * DAY)) * width));
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading">{t('timeline.heading')}</h2>
      {timeline.unavailable.length > 0 && (
        <p role="status" className="notice notice-info">
          {t('timeline.unavailable')}
        </p>
      )}
      <figure className="tl-chart">
        <figcaption>{t('timeline.chart')}</figcaption>
        {inRange.length === 0 ? (
          <p className="empty-state">{t('timeline.chartEmpty')}</p>
        ) : (
          <svg viewBox={`0 0 ${width} 60`} role="img" aria-label={`${t('timeline.chart')}: ${inRange.map((i) => itemTitle(t, i)).join('; ')}`}>
            <line x1="0" y1="30" x2={width} y2="30" className="tl-axis" />
            {Array.from({ length: WEEKS + 1 }, (_, w) => (
              <line key={w} x1={(w * width) / WEEKS} y1="22" x2={(w * width) / WEEKS} y2="38" className="tl-tick" />
            ))}
            {inRange.map((i) => {
              const x1 = x(i.at);
              const x2 = i.endsAt ? Math.max(x1 + 6, x(i.endsAt)) : x1 + 6;
              return <rect key={i.id} x={x1} y="18" width={x2 - x1} height="24" rx="3" className={`tl-mark ${KIND_CLASS[i.kind] ?? ''}`} />;
            })}
          </svg>
        )}
      </figure>
      <h3>{t('timeline.upcoming')}</h3>
      <TimelineList items={upcoming} timeZone={timeZone} lng={i18n.language} />
      {timeline.past.length > 0 && (
        <>
          <h3>{t('timeline.past')}</h3>
          <TimelineList items={timeline.past} timeZone={timeZone} lng={i18n.language} />
        </>
      )}
    </section>
  );
}

function TimelineList({ items, timeZone, lng }: { items: TimelineItem[]; timeZone: string; lng: string }) {
  const { t } = useTranslation('appointments');
  if (items.length === 0) return <p className="empty-state">{t('whatsNext.nothingNext')}</p>;
  return (
    <ol className="tl-list">
      {items.map((i) => (
        <li key={i.id} className={`tl-item ${KIND_CLASS[i.kind] ?? ''}`}>
          <span className="tl-kind">{t(`timeline.kinds.${i.kind}`)}</span>{' '}
          <time dateTime={i.at}>{formatWhen(i.at, lng, timeZone)}</time>
          <span className="tl-title">{itemTitle(t, i)}</span>
          {i.status && i.kind === 'appointment' && <span className={`tl-status tl-status-${i.status}`}>{t(`status.${i.status}`)}</span>}
        </li>
      ))}
    </ol>
  );
}
