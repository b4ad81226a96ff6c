import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { fieldProblem, securityApi } from './api.ts';

/** Called with the recovery codes when the first factor was added (null for later ones). */
type Enrolled = (recoveryCodes: string[] | null) => void;

/** An authenticator app: a QR code (and the key, for typing), then one code from the app to turn it on. */
export function TotpEnrol({ onEnrolled }: { onEnrolled: Enrolled }) {
  const { t } = useTranslation('security');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const codeRef = useRef<HTMLInputElement>(null);
  const setup = useMutation({ mutationFn: securityApi.totpSetup });
  const confirm = useMutation({
    mutationFn: securityApi.totpConfirm,
    onSuccess: (answer) => onEnrolled(answer.recoveryCodes),
    onError: (error) => {
      if (fieldProblem(error, 'code')) {
        setCodeError(t('security.totpWrong'));
        codeRef.current?.focus();
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    setCodeError(/^\d{6}$/.test(code) ? undefined : t('mfa.codeRequired'));
    if (!/^\d{6}$/.test(code)) return codeRef.current?.focus();
    if (!confirm.isPending) confirm.mutate(code);
  }

  if (!setup.data) {
    return (
      <div>
        {setup.isError && <ErrorNotice error={setup.error} />}
        <button type="button" className="button button-secondary" aria-disabled={setup.isPending || undefined} onClick={() => !setup.isPending && setup.mutate()}>
          {t('security.totpAdd')}
        </button>
      </div>
    );
  }
  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p>{t('security.totpScan')}</p>
      <img src={setup.data.qr} alt={t('security.totpQrAlt')} width={220} height={220} />
      <p>
        {t('security.totpKey')}: <code dir="ltr">{setup.data.secret}</code>
      </p>
      {confirm.isError && !fieldProblem(confirm.error, 'code') && <ErrorNotice error={confirm.error} />}
      <TextField ref={codeRef} label={t('security.totpCode')} error={codeError} name="code" inputMode="numeric" autoComplete="one-time-code" dir="ltr" required />
      <button type="submit" className="button button-primary" aria-disabled={confirm.isPending || undefined}>
        {t('security.totpConfirm')}
      </button>
    </form>
  );
}

/** A passkey made by the browser (a security key, the phone or the computer itself). */
export function PasskeyEnrol({ onEnrolled }: { onEnrolled: Enrolled }) {
  const { t } = useTranslation('security');
  const add = useMutation({
    mutationFn: async (name: string) => {
      const optionsJSON = (await securityApi.passkeyRegistrationOptions()) as unknown as PublicKeyCredentialCreationOptionsJSON;
      const response = await startRegistration({ optionsJSON });
      return securityApi.passkeyRegister(name, response);
    },
    onSuccess: (answer) => onEnrolled(answer.recoveryCodes),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim() || t('security.passkeyDefaultName');
    if (!add.isPending) add.mutate(name);
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {add.isError && (
        <div role="alert" className="notice notice-error">
          <p>{t('security.passkeyFailed')}</p>
        </div>
      )}
      <TextField label={t('security.passkeyName')} name="name" defaultValue={t('security.passkeyDefaultName')} maxLength={80} />
      <button type="submit" className="button button-secondary" aria-disabled={add.isPending || undefined}>
        {t('security.passkeyAdd')}
      </button>
    </form>
  );
}
