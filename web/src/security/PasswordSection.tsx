import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { fieldProblem, localPasswordProblem, PASSWORD_MIN, securityApi } from './api.ts';
import { NewPasswordFields, type NewPasswordErrors } from './NewPasswordFields.tsx';

interface Errors extends NewPasswordErrors {
  current?: string | undefined;
}

/** Change the password with the current one; the server signs out the other sessions. */
export function PasswordSection() {
  const { t } = useTranslation('security');
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const change = useMutation({
    mutationFn: (input: { current: string; password: string }) => securityApi.changePassword(input.current, input.password),
    onSuccess: () => formRef.current?.reset(),
    onError: (error) => {
      if (fieldProblem(error, 'currentPassword')) {
        setErrors({ current: t('password.incorrect') });
        currentRef.current?.focus();
      } else if (fieldProblem(error, 'password')) {
        setErrors({ password: t(`password.${fieldProblem(error, 'password')}`, { count: PASSWORD_MIN }) });
        passwordRef.current?.focus();
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const current = String(form.get('current') ?? '');
    const password = String(form.get('password') ?? '');
    const problem = localPasswordProblem(password, String(form.get('confirm') ?? ''));
    const next: Errors = !current
      ? { current: t('password.currentRequired') }
      : problem === 'mismatch'
        ? { confirm: t('password.mismatch') }
        : problem
          ? { password: t(`password.${problem}`, { count: PASSWORD_MIN }) }
          : {};
    setErrors(next);
    if (next.current) return currentRef.current?.focus();
    if (next.password) return passwordRef.current?.focus();
    if (next.confirm) return confirmRef.current?.focus();
    if (!change.isPending) change.mutate({ current, password });
  }

  const shownOnField = fieldProblem(change.error, 'currentPassword') ?? fieldProblem(change.error, 'password');
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('password.heading')}</h2>
      {change.isSuccess && (
        <div role="status" className="notice notice-info">
          <p>{t('password.changed')}</p>
        </div>
      )}
      {change.isError && !shownOnField && <ErrorNotice error={change.error} />}
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <TextField ref={currentRef} label={t('password.current')} error={errors.current} name="current" type="password" autoComplete="current-password" dir="ltr" required />
        <NewPasswordFields errors={errors} passwordRef={passwordRef} confirmRef={confirmRef} />
        <button type="submit" className="button button-primary" aria-disabled={change.isPending || undefined}>
          {change.isPending ? t('password.submitting') : t('password.submit')}
        </button>
      </form>
    </section>
  );
}
