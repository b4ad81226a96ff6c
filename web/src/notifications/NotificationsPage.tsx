import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { NOTIFICATIONS_KEY, notificationsApi, notificationTitleKey, refreshNotifications, type InappNotificationView } from './api.ts';

/** Every role's notification list: newest first, each linking to its subject, marked read on opening. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation('bell');
  const client = useQueryClient();
  const list = useQuery({ queryKey: [NOTIFICATIONS_KEY], queryFn: notificationsApi.list });
  const markRead = useMutation({ mutationFn: notificationsApi.markRead, onSettled: () => refreshNotifications(client) });
  const markAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSettled: () => refreshNotifications(client) });
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const error = markRead.error ?? markAll.error;

  let body;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.notifications.length === 0) body = <EmptyState>{t('empty')}</EmptyState>;
  else {
    const open = (n: InappNotificationView) => {
      if (!n.readAt) markRead.mutate([n.id]);
    };
    body = (
      <>
        <p className="lead">{t('unread', { count: list.data.unread })}</p>
        {list.data.unread > 0 && (
          <p>
            <button type="button" className="button button-secondary" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
              {t('markAll')}
            </button>
          </p>
        )}
        <ul className="plain-list notification-list">
          {list.data.notifications.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
              <Link to={n.link} onClick={() => open(n)}>
                {t(notificationTitleKey(n.template), { defaultValue: t('fallbackTitle') })}
              </Link>{' '}
              <span className="muted small">
                <time dateTime={n.createdAt}>{fmt.format(new Date(n.createdAt))}</time>
                {!n.readAt && <> · <strong>{t('new')}</strong></>}
              </span>
              {!n.readAt && (
                <button type="button" className="button button-link" disabled={markRead.isPending} onClick={() => markRead.mutate([n.id])}>
                  {t('markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <Page title={t('title')}>
      {error && <p role="alert" className="field-error">{errorMessage(t, error)}</p>}
      {body}
    </Page>
  );
}
