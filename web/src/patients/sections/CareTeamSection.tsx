import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { errorMessage } from '../../i18n.ts';
import { useUser } from '../../session.tsx';
import { patientPath, usePath, type PatientProfile } from '../api.ts';
import { PatientSection } from '../PatientSection.tsx';

/**
 * Care-team changes (server rules: src/people/service.ts, the access issue's): add a navigator, remove a
 * member. The page reads the profile again after each change, so the header shows the live team.
 */
export function CareTeamSection({ patient }: { patient: PatientProfile }) {
  const { t } = useTranslation('patient');
  const me = useUser();
  const client = useQueryClient();
  const navigators = usePath<{ navigators: Array<{ id: string; name: string }> }>('/api/alerts/navigators');
  const [userId, setUserId] = useState('');
  const [done, setDone] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: [patientPath(patient.id)] });
  const add = useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/patients/${patient.id}/care-team`, { userId: id, role: 'navigator' }),
    onSuccess: (_r, id) => {
      setDone(t('careTeam.added', { name: navigators.data?.navigators.find((n) => n.id === id)?.name ?? '' }));
      setUserId('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (m: { userId: string; name: string }) => api.delete<void>(`/api/patients/${patient.id}/care-team/${m.userId}`),
    onSuccess: (_r, m) => {
      setDone(t('careTeam.removed', { name: m.name }));
      return refresh();
    },
  });
  const members = new Set(patient.careTeam.map((m) => m.userId));
  const candidates = navigators.data?.navigators.filter((n) => !members.has(n.id)) ?? [];
  const error = add.error ?? remove.error;
  return (
    <PatientSection id="care-team" title={t('careTeam.title')}>
      <ul className="plain-list patient-list">
        {patient.careTeam.map((m) => (
          <li key={m.userId}>
            {m.name} · {t(`careTeam.role.${m.role}`, { defaultValue: m.role })}{' '}
            {m.userId !== me.id && (
              <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => remove.mutate(m)}>
                {t('careTeam.remove', { name: m.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (userId) add.mutate(userId); }}>
        <div className="field">
          <label htmlFor="care-team-add">{t('careTeam.addNavigator')}</label>
          <select id="care-team-add" value={userId} required onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('careTeam.choose')}</option>
            {candidates.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>{t('careTeam.add')}</button>
      </form>
      <p role="status">{done}</p>
      {error && <p role="alert" className="field-error">{errorMessage(t, error)}</p>}
    </PatientSection>
  );
}
