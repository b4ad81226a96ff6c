import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { fieldProblem, securityApi } from './api.ts';
import { PasskeyEnrol, TotpEnrol } from './EnrolFactor.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

const KEY = ['/api/auth/mfa'];

/** A factor removal can ask for a fresh second factor first (the same rule as break-glass). */
function RemovalError({ error }: { error: unknown }) {
  const { t } = useTranslation('security');
  if (fieldProblem(error, 'mfa') === 'step_up_required') {
    return (
      <div role="alert" className="notice notice-error">
        <p>{t('security.stepUp')}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

/** Staff only: the authenticator app, passkeys and recovery codes of the signed-in user. */
export function MfaSection() {
  const { t } = useTranslation('security');
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: KEY, queryFn: securityApi.status });
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const enrolled = (recoveryCodes: string[] | null) => {
    setCodes(recoveryCodes);
    void refresh();
  };
  const removeTotp = useMutation({ mutationFn: securityApi.totpRemove, onSuccess: refresh });
  const removePasskey = useMutation({ mutationFn: securityApi.passkeyRemove, onSuccess: refresh });
  const regenerate = useMutation({ mutationFn: securityApi.newRecoveryCodes, onSuccess: (answer) => enrolled(answer.recoveryCodes) });

  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  return (
    <section className="card" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">{t('security.mfaHeading')}</h2>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.data.required && <p>{t('security.mfaRequired')}</p>}
          {!status.data.totp && status.data.passkeys.length === 0 && <p>{t('security.mfaNone')}</p>}
          {removeTotp.isError && <RemovalError error={removeTotp.error} />}
          {removePasskey.isError && <RemovalError error={removePasskey.error} />}
          {status.data.totp ? (
            <p>
              {t('security.totpOn')}{' '}
              <button type="button" className="button button-secondary" onClick={() => !removeTotp.isPending && removeTotp.mutate()}>
                {t('security.totpRemove')}
              </button>
            </p>
          ) : (
            <TotpEnrol onEnrolled={enrolled} />
          )}
          <h3>{t('security.passkeys')}</h3>
          {status.data.passkeys.length > 0 && (
            <ul className="plain-list">
              {status.data.passkeys.map((p) => (
                <li key={p.id}>
                  {p.name}{' '}
                  <button type="button" className="button button-secondary" onClick={() => !removePasskey.isPending && removePasskey.mutate(p.id)}>
                    {t('security.passkeyRemove', { name: p.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <PasskeyEnrol onEnrolled={enrolled} />
          {(status.data.totp || status.data.passkeys.length > 0) && (
            <>
              <h3>{t('recovery.heading')}</h3>
              <p>{t('recovery.left', { count: status.data.recoveryCodesLeft })}</p>
              {regenerate.isError && <ErrorNotice error={regenerate.error} />}
              <button type="button" className="button button-secondary" onClick={() => !regenerate.isPending && regenerate.mutate()}>
                {t('recovery.regenerate')}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
