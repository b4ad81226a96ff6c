import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../session.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { useApiData } from '../useApiData.ts';
import { accountApi, type UserSummary } from './api.ts';
import { ConfirmationOutcome, ConfirmDialog, useConfirmation } from './ConfirmDialog.tsx';
import './account.css';

interface Pending {
  user: UserSummary;
  disabled: boolean;
}

/**
 * The admin's list of everyone in the organization, with disable/enable behind a confirmation.
 * Disabling signs the person out everywhere at once (the server ends their sessions).
 */
export function UserDirectory() {
  const { t } = useTranslation('account');
  const me = useUser();
  const users = useApiData<{ users: UserSummary[] }>('/api/admin/users');
  // Changes made here, kept locally so the table (and the focused button) stays in place.
  const [changed, setChanged] = useState<Record<string, boolean>>({});
  const { pending, busy, error, done, ask, cancel, confirm } = useConfirmation<Pending>();

  const setDisabled = () =>
    confirm(async ({ user, disabled }) => {
      await accountApi.setDisabled(user.id, disabled);
      setChanged((c) => ({ ...c, [user.id]: disabled }));
      return t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.name });
    });

  let body;
  if (users.status === 'loading') body = <Loading />;
  else if (users.status === 'error') body = <ErrorNotice error={users.error} onRetry={users.reload} />;
  else if (users.data.users.length === 0) body = <EmptyState>{t('users.empty')}</EmptyState>;
  else {
    body = (
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.action')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => {
              const disabled = changed[user.id] ?? user.disabled;
              return (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
                  <td>
                    <span dir="ltr">{user.email}</span>
                  </td>
                  <td>{t(`common:roles.${user.role}`)}</td>
                  <td>
                    <span className={disabled ? 'status-badge status-disabled' : 'status-badge status-active'}>
                      {disabled ? t('users.statusDisabled') : t('users.statusActive')}
                    </span>
                  </td>
                  <td>
                    {user.id === me.id ? (
                      t('users.you')
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t(disabled ? 'users.enableNamed' : 'users.disableNamed', { name: user.name })}
                        onClick={() => ask({ user, disabled: !disabled })}
                      >
                        {disabled ? t('users.enable') : t('users.disable')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section aria-labelledby="users-heading" className="users-section">
      <h2 id="users-heading" className="section-heading">
        {t('users.heading')}
      </h2>
      <ConfirmationOutcome done={done} error={error} />
      {body}
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending
            ? t(pending.disabled ? 'users.confirmDisableTitle' : 'users.confirmEnableTitle', { name: pending.user.name })
            : ''
        }
        confirmLabel={pending?.disabled ? t('users.confirmDisable') : t('users.confirmEnable')}
        cancelLabel={t('cancel')}
        danger={pending?.disabled ?? false}
        busy={busy}
        onConfirm={() => void setDisabled()}
        onCancel={cancel}
      >
        <p>
          {pending?.disabled
            ? t('users.confirmDisableBody', { name: pending.user.name })
            : t('users.confirmEnableBody', { name: pending?.user.name ?? '' })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
