import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { homePath } from '../roles/index.ts';
import { useSession } from '../session.tsx';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Where to go after login: back to the page that asked for it if it belongs to this role. */
export function destination(from: unknown, base: string): string {
  if (from && typeof from === 'object' && 'pathname' in from) {
    const { pathname, search = '', hash = '' } = from as { pathname: string; search?: string; hash?: string };
    if (pathname === base || pathname.startsWith(`${base}/`)) return `${pathname}${search}${hash}`;
  }
  return base;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  // Set by pages that send people here after something worked (an accepted invitation): an i18n key.
  const { notice, email: knownEmail } = (location.state as { notice?: unknown; email?: unknown } | null) ?? {};

  if (state.status === 'authenticated' && !submitting) {
    return <Navigate to={destination(from, homePath(state.user.role))} replace />;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const errors: FieldErrors = {};
    if (!email) errors.email = t('login.emailRequired');
    if (!password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    setError(undefined);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();

    setSubmitting(true);
    try {
      const user = await login(email, password);
      if ('mfa' in user) await navigate('/login/mfa', { state: { challenge: user, from } });
      else await navigate(destination(from, homePath(user.role)), { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  }

  const sessionEnded = state.status === 'anonymous' && state.ended && error === undefined;

  return (
    <PublicLayout>
      <Page title={t('login.title')}>
        <p className="lead">{t('login.intro')}</p>
        {sessionEnded && (
          <div role="status" className="notice notice-info">
            <p>{t('errors:unauthorized')}</p>
          </div>
        )}
        {typeof notice === 'string' && error === undefined && (
          <div role="status" className="notice notice-info">
            <p>{t(notice)}</p>
          </div>
        )}
        {error !== undefined && <ErrorNotice error={error} context="login" />}
        <form className="form card" noValidate onSubmit={(e) => void onSubmit(e)}>
          <TextField
            ref={emailRef}
            label={t('login.email')}
            error={fieldErrors.email}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            defaultValue={typeof knownEmail === 'string' ? knownEmail : undefined}
            spellCheck={false}
            dir="ltr"
            required
          />
          <TextField
            ref={passwordRef}
            label={t('login.password')}
            error={fieldErrors.password}
            name="password"
            type="password"
            autoComplete="current-password"
            dir="ltr"
            required
          />
          <button type="submit" className="button button-primary" aria-disabled={submitting || undefined}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p>
          <Link to="/forgot-password">{t('security:forgot.link')}</Link>
        </p>
      </Page>
    </PublicLayout>
  );
}
