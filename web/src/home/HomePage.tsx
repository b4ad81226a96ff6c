import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { ActingForBanner, type CaredFor } from './ActingFor.tsx';
import { homePathFor, useLiveRefresh, type HomeView } from './api.ts';
import { CareTeam } from './CareTeam.tsx';
import { LibraryTeaser } from './LibraryTeaser.tsx';
import { NeedsYou } from './NeedsYou.tsx';
import { NextVisit } from './NextVisit.tsx';
import './home.css';

/** The patient's home, and the caregiver's for the patient they act for ("what's next"). */
export default function HomePage() {
  const user = useUser();
  return user.role === 'caregiver' ? <CaregiverHome /> : <Home />;
}

const CHOSEN_KEY = 'wayfinder.home.actingFor';

function CaregiverHome() {
  const { t } = useTranslation('home');
  const user = useUser();
  const patients = useQuery({ queryKey: ['/api/caregiver/patients'], queryFn: () => api.get<{ patients: CaredFor[] }>('/api/caregiver/patients') });
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(CHOSEN_KEY));
  if (patients.isPending) return <Page title={t('title')}><Loading /></Page>;
  if (patients.isError) return <Page title={t('title')}><ErrorNotice error={patients.error} onRetry={() => void patients.refetch()} /></Page>;
  const list = patients.data.patients;
  const current = list.find((p) => p.id === chosen) ?? list[0];
  if (!current) {
    return (
      <Page title={t('title')} heading={t('greeting', { name: user.name })}>
        <EmptyState>{t('caregiver.none')}</EmptyState>
      </Page>
    );
  }
  const choose = (id: string) => {
    sessionStorage.setItem(CHOSEN_KEY, id);
    setChosen(id);
  };
  return <Home patientId={current.id} banner={<ActingForBanner patients={list} current={current} onChoose={choose} />} />;
}

function Home({ patientId, banner }: { patientId?: string; banner?: React.ReactNode }) {
  const { t } = useTranslation('home');
  const user = useUser();
  const path = homePathFor(patientId);
  // Always asked again on arrival: a check-in or reply elsewhere may have changed it without an event.
  const home = useQuery({ queryKey: [path], queryFn: () => api.get<HomeView>(path), refetchOnMount: 'always' });
  const live = useLiveRefresh(['/api/home', '/api/appointments/']);
  return (
    <Page title={t('title')} heading={t('greeting', { name: user.name })}>
      {banner}
      <p className="live-state" aria-live="polite">
        {live ? t('live.on') : t('live.off')}
      </p>
      {home.isPending && <Loading />}
      {home.isError && <ErrorNotice error={home.error} onRetry={() => void home.refetch()} />}
      {home.data && <HomeSections home={home.data} />}
    </Page>
  );
}

function HomeSections({ home }: { home: HomeView }) {
  return (
    <div className="home-sections">
      <NeedsYou home={home} />
      <NextVisit home={home} />
      <CareTeam home={home} />
      <LibraryTeaser patientId={home.actingFor ? home.patient.id : undefined} />
    </div>
  );
}
