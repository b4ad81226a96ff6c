import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, ROLES, type Locale, type Role } from '../api.ts';
import { i18n, SUPPORTED_LANGUAGES } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice } from '../shell/status.tsx';
import { TextField } from '../shell/TextField.tsx';
import { useApiData } from '../useApiData.ts';
import { accountApi, formatDateTime, type CreatedInvitation, type NewInvitation, type UserSummary } from './api.ts';
import { SelectField } from './SelectField.tsx';
import './account.css';

/** Navigators bring patients and caregivers into their care; admins invite anyone (src/auth/service.ts). */
const NAVIGATOR_MAY_INVITE: readonly Role[] = ['patient', 'caregiver'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FieldErrors {
  name?: string;
  email?: string;
  navigatorId?: string;
}

/** Field errors the server reported in `details` ([{path, message}]), by our field names. */
function detailPaths(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((d: unknown) =>
    d && typeof d === 'object' && 'path' in d && typeof d.path === 'string' ? [d.path] : [],
  );
}

/** The admin's choice of navigator for a new patient: the active navigators of the organization. */
function NavigatorSelect({ error, selectRef }: { error: string | undefined; selectRef: RefObject<HTMLSelectElement | null> }) {
  const { t } = useTranslation('account');
  const users = useApiData<{ users: UserSummary[] }>('/api/admin/users');
  if (users.status === 'loading') return <p className="field-hint">{t('invite.navigatorsLoading')}</p>;
  if (users.status === 'error') return <ErrorNotice error={users.error} onRetry={users.reload} />;
  const navigators = users.data.users.filter((u) => u.role === 'navigator' && !u.disabled);
  if (navigators.length === 0) return <p className="notice notice-info">{t('invite.noNavigators')}</p>;
  return (
    <SelectField ref={selectRef} label={t('invite.navigator')} name="navigatorId" defaultValue="" error={error} required>
      <option value="" disabled>
        {t('invite.chooseNavigator')}
      </option>
      {navigators.map((n) => (
        <option key={n.id} value={n.id}>
          {n.name}
        </option>
      ))}
    </SelectField>
  );
}

function InvitationLink({ invitation, name, email }: { invitation: CreatedInvitation; name: string; email: string }) {
  const { t } = useTranslation('account');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);

  useEffect(() => {
    headingRef.current?.focus();
  }, [invitation.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.link);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby="invite-result-heading" className="card notice-success link-box invite-form">
      <h2 id="invite-result-heading" ref={headingRef} tabIndex={-1}>
        {t('invite.readyHeading', { name })}
      </h2>
      <p>{t('invite.readyBody', { name, email, expires: formatDateTime(invitation.expiresAt, i18n.language) })}</p>
      <div className="form">
        <TextField
          label={t('invite.link')}
          name="invitation-link"
          value={invitation.link}
          readOnly
          dir="ltr"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t('invite.copy')}
          </button>
          <p role="status" className="field-hint">
            {copied === 'yes' && t('invite.copied')}
            {copied === 'failed' && t('invite.copyFailed')}
          </p>
        </div>
      </div>
    </section>
  );
}

/**
 * Invite a person: name, e-mail, role, the language of their invitation and, for a patient invited
 * by an admin, their navigator. The answer is a one-time link, shown so it can be passed on.
 */
export default function InvitePage() {
  const { t } = useTranslation('account');
  const me = useUser();
  const isAdmin = me.role === 'admin';
  const roles = isAdmin ? ROLES : NAVIGATOR_MAY_INVITE;
  const [role, setRole] = useState<Role>('patient');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<{ invitation: CreatedInvitation; name: string; email: string } | undefined>();
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const navigatorRef = useRef<HTMLSelectElement>(null);
  const needsNavigator = isAdmin && role === 'patient';
  const current = i18n.resolvedLanguage ?? i18n.language;

  function showErrors(errors: FieldErrors): boolean {
    setFieldErrors(errors);
    if (errors.name) nameRef.current?.focus();
    else if (errors.email) emailRef.current?.focus();
    else if (errors.navigatorId) navigatorRef.current?.focus();
    return Boolean(errors.name || errors.email || errors.navigatorId);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const locale = String(form.get('locale') ?? 'en') as Locale;
    const navigatorId = String(form.get('navigatorId') ?? '');
    const errors: FieldErrors = {};
    if (!name) errors.name = t('invite.nameRequired');
    if (!email) errors.email = t('invite.emailRequired');
    else if (!EMAIL.test(email)) errors.email = t('invite.emailInvalid');
    if (needsNavigator && !navigatorId) errors.navigatorId = t('invite.navigatorRequired');
    setError(undefined);
    if (showErrors(errors)) return;

    const invitation: NewInvitation = { name, email, role, locale };
    if (needsNavigator) invitation.navigatorId = navigatorId;
    setSubmitting(true);
    setCreated(undefined);
    try {
      const answer = await accountApi.invite(invitation);
      formElement.reset();
      setRole('patient');
      setCreated({ invitation: answer, name, email });
    } catch (e) {
      if (detailPaths(e).includes('navigatorId')) showErrors({ navigatorId: t('invite.navigatorRequired') });
      else if (detailPaths(e).includes('email')) showErrors({ email: t('invite.emailInvalid') });
      else setError(e);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Page title={isAdmin ? t('invite.titleAdmin') : t('invite.titleNavigator')}>
      <p className="lead">{isAdmin ? t('invite.introAdmin') : t('invite.introNavigator')}</p>
      {created && <InvitationLink {...created} />}
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="form card invite-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField ref={nameRef} label={t('invite.name')} error={fieldErrors.name} name="name" autoComplete="off" required />
        <TextField
          ref={emailRef}
          label={t('invite.email')}
          error={fieldErrors.email}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          required
        />
        <SelectField label={t('invite.role')} name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {needsNavigator && <NavigatorSelect error={fieldErrors.navigatorId} selectRef={navigatorRef} />}
        <SelectField label={t('invite.locale')} hint={t('invite.localeHint')} name="locale" defaultValue={current}>
          {SUPPORTED_LANGUAGES.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {i18n.getFixedT(lng, 'common')('meta.nativeName')}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-primary" aria-disabled={submitting || undefined}>
          {submitting ? t('invite.submitting') : t('invite.submit')}
        </button>
      </form>
    </Page>
  );
}
