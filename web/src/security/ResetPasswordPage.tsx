import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api.ts';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { fieldProblem, localPasswordProblem, PASSWORD_MIN, securityApi } from './api.ts';
import { NewPasswordFields, type NewPasswordErrors } from './NewPasswordFields.tsx';

/**
 * /reset-password#<token>, the one-time link from the reset e-mail. The token rides in the fragment,
 * which the browser never sends to a server; on success, on to the login page.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation('security');
  const { hash } = useLocation();
  const navigate = useNavigate();
  const token = hash.slice(1);
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const save = useMutation({
    mutationFn: (password: string) => securityApi.confirmReset(token, password),
    onSuccess: () => navigate('/login', { replace: true, state: { notice: 'security:reset.done' } }),
    onError: (error) => {
      const problem = fieldProblem(error, 'password');
      if (problem) {
        setErrors({ password: t(`password.${problem}`, { count: PASSWORD_MIN }) });
        passwordRef.current?.focus();
      }
    },
  });
  const gone = token.length < 20 || (save.error instanceof ApiError && save.error.code === 'not_found');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const problem = localPasswordProblem(password, String(form.get('confirm') ?? ''));
    const next: NewPasswordErrors = problem === 'mismatch' ? { confirm: t('password.mismatch') } : problem ? { password: t(`password.${problem}`, { count: PASSWORD_MIN }) } : {};
    setErrors(next);
    if (next.password) return passwordRef.current?.focus();
    if (next.confirm) return confirmRef.current?.focus();
    if (!save.isPending) save.mutate(password);
  }

  return (
    <PublicLayout>
      <Page title={t('reset.title')}>
        {gone ? (
          <>
            <div role="alert" className="notice notice-error">
              <p>{t('reset.gone')}</p>
            </div>
            <p>
              <Link to="/forgot-password">{t('reset.requestAgain')}</Link>
            </p>
          </>
        ) : (
          <>
            <p className="lead">{t('reset.intro')}</p>
            {save.isError && !fieldProblem(save.error, 'password') && <ErrorNotice error={save.error} />}
            <form className="form card" noValidate onSubmit={onSubmit}>
              <NewPasswordFields errors={errors} passwordRef={passwordRef} confirmRef={confirmRef} />
              <button type="submit" className="button button-primary" aria-disabled={save.isPending || undefined}>
                {save.isPending ? t('reset.submitting') : t('reset.submit')}
              </button>
            </form>
          </>
        )}
      </Page>
    </PublicLayout>
  );
}
