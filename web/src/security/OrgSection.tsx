import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { securityApi } from './api.ts';

const KEY = ['/api/auth/org-settings'];

/** Admins: whether every staff member of the organization must enrol a second factor. */
export function OrgSection() {
  const { t } = useTranslation('security');
  const id = useId();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: securityApi.orgSettings });
  const save = useMutation({ mutationFn: securityApi.setOrgSettings, onSuccess: (data) => queryClient.setQueryData(KEY, data) });

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('org.heading')}</h2>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <div className="field field-checkbox">
          <input id={id} type="checkbox" checked={settings.data.requireStaffMfa} disabled={save.isPending} onChange={(e) => save.mutate(e.currentTarget.checked)} />
          <label htmlFor={id}>{t('org.requireMfa')}</label>
        </div>
      )}
      {save.isSuccess && (
        <p role="status" className="notice notice-info">
          {t('org.saved')}
        </p>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
    </section>
  );
}
