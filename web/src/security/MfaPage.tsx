import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api.ts';
import { destination } from '../pages/Login.tsx';
import { homePath } from '../roles/index.ts';
import { useSession } from '../session.tsx';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { securityApi, type MfaChallenge } from './api.ts';
import { PasskeyEnrol, TotpEnrol } from './EnrolFactor.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/**
 * /login/mfa, after a correct password for a staff account: prove the second factor (a code from the
 * app, a recovery code or a passkey), or, when the organization requires one, enrol it first.
 */
export function MfaPage() {
  const { t } = useTranslation('security');
  const location = useLocation();
  const navigate = useNavigate();
  const { completeSignIn, logout } = useSession();
  const { challenge, from } = (location.state as { challenge?: MfaChallenge; from?: unknown } | null) ?? {};
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = useMutation({
    mutationFn: completeSignIn,
    onSuccess: (user) => navigate(destination(from, homePath(user.role)), { replace: true }),
  });

  // Opened directly (or reloaded): there is no password step to continue from.
  if (!challenge) return <Navigate to="/login" replace />;

  const enrolled = (recoveryCodes: string[] | null) => (recoveryCodes ? setCodes(recoveryCodes) : finish.mutate());
  const cancel = async () => {
    await logout();
    await navigate('/login', { replace: true });
  };

  return (
    <PublicLayout>
      <Page title={challenge.mfa === 'enrol' ? t('mfa.enrolTitle') : t('mfa.title')}>
        {finish.isError && <ErrorNotice error={finish.error} />}
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => finish.mutate()} />
        ) : challenge.mfa === 'enrol' ? (
          <>
            <p className="lead">{t('mfa.enrolIntro')}</p>
            <div className="card">
              <TotpEnrol onEnrolled={enrolled} />
            </div>
            <div className="card">
              <PasskeyEnrol onEnrolled={enrolled} />
            </div>
          </>
        ) : (
          <Prove methods={challenge.methods} onProved={() => finish.mutate()} />
        )}
        <p>
          <button type="button" className="button button-secondary" onClick={() => void cancel()}>
            {t('mfa.cancel')}
          </button>
        </p>
      </Page>
    </PublicLayout>
  );
}

function Prove({ methods, onProved }: { methods: MfaChallenge['methods']; onProved: () => void }) {
  const { t } = useTranslation('security');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const codeRef = useRef<HTMLInputElement>(null);
  const byCode = useMutation({
    mutationFn: securityApi.proveCode,
    onSuccess: onProved,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        setCodeError(t('mfa.wrong'));
        codeRef.current?.focus();
      }
    },
  });
  const byPasskey = useMutation({
    mutationFn: async () => {
      const optionsJSON = (await securityApi.passkeyOptions()) as unknown as PublicKeyCredentialRequestOptionsJSON;
      return securityApi.provePasskey(await startAuthentication({ optionsJSON }));
    },
    onSuccess: onProved,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setCodeError(code.length >= 6 ? undefined : t('mfa.codeRequired'));
    if (code.length < 6) return codeRef.current?.focus();
    if (!byCode.isPending) byCode.mutate(code);
  }

  return (
    <>
      <p className="lead">{t('mfa.intro')}</p>
      {byCode.isError && !codeError && <ErrorNotice error={byCode.error} />}
      {byPasskey.isError && (
        <div role="alert" className="notice notice-error">
          <p>{t('mfa.passkeyFailed')}</p>
        </div>
      )}
      {methods.includes('passkey') && (
        <p>
          <button type="button" className="button button-primary" aria-disabled={byPasskey.isPending || undefined} onClick={() => !byPasskey.isPending && byPasskey.mutate()}>
            {t('mfa.passkey')}
          </button>
        </p>
      )}
      {(methods.includes('totp') || methods.includes('recovery')) && (
        <form className="form card" noValidate onSubmit={onSubmit}>
          <TextField ref={codeRef} label={t('mfa.code')} error={codeError} name="code" autoComplete="one-time-code" spellCheck={false} dir="ltr" required />
          <button type="submit" className="button button-primary" aria-disabled={byCode.isPending || undefined}>
            {byCode.isPending ? t('mfa.submitting') : t('mfa.submit')}
          </button>
        </form>
      )}
    </>
  );
}
