import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { i18n, matchLanguage } from '../i18n.ts';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { fieldProblem } from '../security/api.ts';
import { accountApi, formatDateTime, PASSWORD_MIN, type InvitationDetails } from './api.ts';
import './account.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; invitation: InvitationDetails }
  | { status: 'gone' }
  | { status: 'error'; error: unknown };

interface FieldErrors {
  password?: string;
  confirm?: string;
}

/** Not found (used, expired, unknown) and a malformed token all mean: this link no longer works. */
const isDeadLink = (error: unknown) => error instanceof ApiError && (error.code === 'not_found' || error.code === 'invalid');

/**
 * /invite/:token, the one-time link from an invitation e-mail: who is invited, then a new password.
 * Shown in the invitation's language (the person can switch); on success, on to the login page.
 */
export function InvitationPage() {
  const { t } = useTranslation('account');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    accountApi
      .invitation(token, controller.signal)
      .then(async (invitation) => {
        // The inviter chose the language; the switcher stays available to change it.
        const lng = matchLanguage(invitation.locale);
        if (lng && lng !== i18n.language) await i18n.changeLanguage(lng);
        setLoaded({ status: 'ready', invitation });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded(isDeadLink(error) ? { status: 'gone' } : { status: 'error', error });
      });
    return () => controller.abort();
  }, [token, attempt]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || loaded.status !== 'ready') return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const confirm = String(form.get('confirm') ?? '');
    const errors: FieldErrors = {};
    if (password.length < PASSWORD_MIN) errors.password = t('invitation.passwordTooShort', { count: PASSWORD_MIN });
    else if (confirm !== password) errors.confirm = t('invitation.passwordMismatch');
    setFieldErrors(errors);
    setSubmitError(undefined);
    if (errors.password) return passwordRef.current?.focus();
    if (errors.confirm) return confirmRef.current?.focus();

    setSubmitting(true);
    try {
      await accountApi.acceptInvitation(token, password);
      await navigate('/login', {
        replace: true,
        state: { notice: 'account:invitation.accepted', email: loaded.invitation.email },
      });
    } catch (error) {
      setSubmitting(false);
      // The server's password rules (too common, contains the e-mail) answer on the field.
      const problem = fieldProblem(error, 'password');
      if (problem) {
        setFieldErrors({ password: t(`security:password.${problem}`, { count: PASSWORD_MIN }) });
        passwordRef.current?.focus();
      } else if (isDeadLink(error)) setLoaded({ status: 'gone' });
      else setSubmitError(error);
    }
  }

  let content;
  if (loaded.status === 'loading') {
    content = <Loading />;
  } else if (loaded.status === 'gone') {
    content = (
      <>
        <div role="alert" className="notice notice-error">
          <p>{t('invitation.gone')}</p>
        </div>
        <p>
          <Link to="/login">{t('invitation.toLogin')}</Link>
        </p>
      </>
    );
  } else if (loaded.status === 'error') {
    content = <ErrorNotice error={loaded.error} onRetry={() => setAttempt((n) => n + 1)} />;
  } else {
    const { invitation } = loaded;
    content = (
      <>
        <p className="lead">{t('invitation.welcome', { name: invitation.name })}</p>
        <dl className="card details-list">
          <dt>{t('invitation.name')}</dt>
          <dd>{invitation.name}</dd>
          <dt>{t('invitation.email')}</dt>
          <dd>
            <span dir="ltr">{invitation.email}</span>
          </dd>
          <dt>{t('invitation.role')}</dt>
          <dd>{t(`common:roles.${invitation.role}`)}</dd>
          <dt>{t('invitation.expires')}</dt>
          <dd>{formatDateTime(invitation.expiresAt, i18n.language)}</dd>
        </dl>
        {submitError !== undefined && <ErrorNotice error={submitError} />}
        <form className="form card" noValidate onSubmit={(e) => void onSubmit(e)}>
          <h2>{t('invitation.formHeading')}</h2>
          {/* For password managers: the account this password belongs to. */}
          <input type="hidden" name="username" autoComplete="username" defaultValue={invitation.email} />
          <TextField
            ref={passwordRef}
            label={t('invitation.password', { count: PASSWORD_MIN })}
            error={fieldErrors.password}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            dir="ltr"
            required
          />
          <TextField
            ref={confirmRef}
            label={t('invitation.confirm')}
            error={fieldErrors.confirm}
            name="confirm"
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
          />
          <button type="submit" className="button button-primary" aria-disabled={submitting || undefined}>
            {submitting ? t('invitation.submitting') : t('invitation.submit')}
          </button>
        </form>
      </>
    );
  }

  return (
    <PublicLayout>
      <Page title={t('invitation.title')}>{content}</Page>
    </PublicLayout>
  );
}
