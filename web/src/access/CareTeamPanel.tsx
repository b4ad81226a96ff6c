import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { accessApi } from './api.ts';

/**
 * The patient's care team as it stands now, for the navigator, clinical lead or admin: remove a member
 * and hand the patient to another navigator. Removal takes effect everywhere at once (the server closes
 * the member's calls and live views). A section for the patient page (web/src/patients/, issue 12).
 */
export function CareTeamPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation('access');
  const queryClient = useQueryClient();
  const patient = useQuery({ queryKey: ['patient', patientId], queryFn: () => accessApi.patient(patientId) });
  const navigators = useQuery({ queryKey: ['navigators'], queryFn: accessApi.navigators });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['patient', patientId] });
  const remove = useMutation({ mutationFn: (userId: string) => accessApi.removeMember(patientId, userId), onSuccess: refresh });
  const reassign = useMutation({ mutationFn: (navigatorId: string) => accessApi.reassignNavigator(patientId, navigatorId), onSuccess: refresh });
  const [target, setTarget] = useState('');

  if (patient.isPending) return <Loading />;
  if (patient.isError) return <ErrorNotice error={patient.error} onRetry={() => void patient.refetch()} />;
  const team = patient.data.careTeam;
  const onTeam = new Set(team.map((m) => m.userId));

  function onReassign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (target) reassign.mutate(target);
  }

  return (
    <section aria-labelledby="care-team-heading" className="card">
      <h2 id="care-team-heading">{t('careTeam.heading')}</h2>
      {remove.isError && <ErrorNotice error={remove.error} />}
      <ul>
        {team.map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} ({t(`careTeam.role.${m.role}`)})
            </span>{' '}
            <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => remove.mutate(m.userId)}>
              {t('careTeam.remove', { name: m.name })}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={onReassign}>
        <label htmlFor="reassign-navigator">{t('careTeam.reassignLabel')}</label>
        <select id="reassign-navigator" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('careTeam.choose')}</option>
          {(navigators.data?.navigators ?? [])
            .filter((n) => !onTeam.has(n.id))
            .map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
        </select>{' '}
        <button type="submit" className="button" disabled={!target || reassign.isPending}>
          {t('careTeam.reassign')}
        </button>
        {reassign.isError && <ErrorNotice error={reassign.error} />}
        {reassign.isSuccess && <p role="status">{t('careTeam.reassigned')}</p>}
      </form>
    </section>
  );
}
