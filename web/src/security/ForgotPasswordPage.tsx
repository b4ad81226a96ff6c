import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { securityApi } from './api.ts';

/** /forgot-password: asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('security');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const emailRef = useRef<HTMLInputElement>(null);
  const send = useMutation({ mutationFn: securityApi.requestReset });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setFieldError(email ? undefined : t('forgot.emailRequired'));
    if (!email) return emailRef.current?.focus();
    if (!send.isPending) send.mutate(email);
  }

  return (
    <PublicLayout>
      <Page title={t('forgot.title')}>
        {send.isSuccess ? (
          <div role="status" className="notice notice-info">
            <p>{t('forgot.sent')}</p>
          </div>
        ) : (
          <>
            <p className="lead">{t('forgot.intro')}</p>
            {send.isError && <ErrorNotice error={send.error} />}
            <form className="form card" noValidate onSubmit={onSubmit}>
              <TextField ref={emailRef} label={t('forgot.email')} error={fieldError} name="email" type="email" autoComplete="username" inputMode="email" spellCheck={false} dir="ltr" required />
              <button type="submit" className="button button-primary" aria-disabled={send.isPending || undefined}>
                {send.isPending ? t('forgot.submitting') : t('forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p>
          <Link to="/login">{t('forgot.toLogin')}</Link>
        </p>
      </Page>
    </PublicLayout>
  );
}
