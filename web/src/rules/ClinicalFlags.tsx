import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';

interface Flags {
  onSystemicTherapy: boolean;
  onSystemicTherapyByPlan: boolean;
}

/**
 * The flags the clinical rules read for one patient: "on systemic therapy" makes fever urgent. A section
 * for the patient page (issue 12 owns that page; it is mounted on the symptoms page meanwhile).
 */
export function ClinicalFlags({ patientId }: { patientId: string }) {
  const { t } = useTranslation('rules');
  const queryClient = useQueryClient();
  const key = ['clinical-flags', patientId];
  const flags = useQuery({ queryKey: key, queryFn: () => api.get<Flags>(`/api/patients/${patientId}/clinical-flags`) });
  const save = useMutation({
    mutationFn: (onSystemicTherapy: boolean) => api.put<Flags>(`/api/patients/${patientId}/clinical-flags`, { onSystemicTherapy }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  return (
    <section aria-labelledby="flags-title" className="card">
      <h2 id="flags-title">{t('flags.title')}</h2>
      {flags.isPending && <Loading />}
      {flags.isError && <ErrorNotice error={flags.error} onRetry={() => void flags.refetch()} />}
      {flags.data && (
        <>
          <label className="check">
            <input type="checkbox" checked={flags.data.onSystemicTherapy} disabled={save.isPending} aria-describedby="flags-help" onChange={(e) => save.mutate(e.target.checked)} />
            <span>{t('flags.onSystemicTherapy')}</span>
          </label>
          <p id="flags-help" className="muted small">{t('flags.help')}</p>
          {flags.data.onSystemicTherapyByPlan && <p>{t('flags.byPlan')}</p>}
          {save.isSuccess && <p role="status">{t('flags.saved')}</p>}
          {save.isError && <p role="alert" className="field-error">{errorMessage(t, save.error)}</p>}
        </>
      )}
    </section>
  );
}
