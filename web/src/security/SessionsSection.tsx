import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { securityApi } from './api.ts';

const KEY = ['/api/auth/sessions'];
const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Where the user is signed in; any other session can be ended (its open sockets close with it). */
export function SessionsSection() {
  const { t } = useTranslation('security');
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: KEY, queryFn: securityApi.sessions });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const endOne = useMutation({ mutationFn: securityApi.endSession, onSuccess: refresh });
  const endOthers = useMutation({ mutationFn: securityApi.endOtherSessions, onSuccess: refresh });

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('sessions.heading')}</h2>
      {(endOne.isSuccess || endOthers.isSuccess) && (
        <div role="status" className="notice notice-info">
          <p>{t('sessions.ended')}</p>
        </div>
      )}
      {endOne.isError && <ErrorNotice error={endOne.error} />}
      {endOthers.isError && <ErrorNotice error={endOthers.error} />}
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption>{t('sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.device')}</th>
                  <th scope="col">{t('sessions.place')}</th>
                  <th scope="col">{t('sessions.lastSeen')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('sessions.end')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.device}</th>
                    <td dir="ltr">{s.place}</td>
                    <td>{when(s.lastSeenAt)}</td>
                    <td>
                      {s.current ? (
                        t('sessions.current')
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('sessions.endLabel', { device: s.device, when: when(s.lastSeenAt) })}
                          aria-disabled={endOne.isPending || undefined}
                          onClick={() => !endOne.isPending && endOne.mutate(s.id)}
                        >
                          {t('sessions.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sessions.data.some((s) => !s.current) && (
            <button type="button" className="button button-secondary" aria-disabled={endOthers.isPending || undefined} onClick={() => !endOthers.isPending && endOthers.mutate()}>
              {t('sessions.endOthers')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
