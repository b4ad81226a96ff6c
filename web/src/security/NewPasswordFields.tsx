import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../shell/TextField.tsx';
import { PASSWORD_MIN } from './api.ts';

export interface NewPasswordErrors {
  password?: string | undefined;
  confirm?: string | undefined;
}

/** A new password and its repetition, with the rule (length only, NIST SP 800-63B) in the label. */
export function NewPasswordFields({ errors, passwordRef, confirmRef }: { errors: NewPasswordErrors; passwordRef: Ref<HTMLInputElement>; confirmRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation('security');
  return (
    <>
      <TextField ref={passwordRef} label={t('password.new', { count: PASSWORD_MIN })} error={errors.password} name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} dir="ltr" required />
      <TextField ref={confirmRef} label={t('password.confirm')} error={errors.confirm} name="confirm" type="password" autoComplete="new-password" dir="ltr" required />
    </>
  );
}
