import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notificationsApi, UNREAD_KEY } from './api.ts';
import './notifications.css';

/** The header's bell: a link to the notification list that says how many are unread. */
export function Bell({ base }: { base: string }) {
  const { t } = useTranslation('bell');
  const unread = useQuery({ queryKey: [UNREAD_KEY], queryFn: notificationsApi.unread });
  const count = unread.data?.unread ?? 0;
  return (
    <Link to={`${base}/notifications`} className="bell" aria-label={t('bellLabel', { count })} data-testid="bell">
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 1 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {count > 0 && <span className="bell-count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
    </Link>
  );
}
