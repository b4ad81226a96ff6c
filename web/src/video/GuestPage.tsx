import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestSessionInfo } from '../../../src/contracts/video.ts';
import { PublicLayout } from '../shell/AppLayout.tsx';
import { Page } from '../shell/Page.tsx';
import { Loading } from '../shell/status.tsx';
import { openCallSocket, videoApi } from './api.ts';
import { CallClient } from './call.ts';
import { CallView } from './CallView.tsx';

/**
 * /video/guest#<token> — a guest without an account (interpreter, family member). The token in the
 * fragment is redeemed once for a guest cookie, then removed from the address bar.
 */
export default function GuestPage() {
  const { t } = useTranslation('video');
  const [guest, setGuest] = useState<GuestSessionInfo | null>(null);
  const [failed, setFailed] = useState(false);
  const [client, setClient] = useState<CallClient | null>(null);

  useEffect(() => {
    const token = window.location.hash.slice(1);
    history.replaceState(null, '', window.location.pathname);
    const load = token ? videoApi.redeemGuest(token).catch(() => videoApi.guestSession()) : videoApi.guestSession();
    load.then(setGuest, () => setFailed(true));
  }, []);

  useEffect(() => {
    if (!client) return;
    return () => client.dispose();
  }, [client]);

  function join() {
    if (!guest) return;
    const call = new CallClient(openCallSocket('/video-guest'), guest.room);
    setClient(call);
    void call.start();
  }

  return (
    <PublicLayout>
      <Page title={t('guest.title')} heading={guest ? t('guest.welcome', { name: guest.name }) : t('guest.title')}>
        {!guest && !failed && <Loading label={t('guest.opening')} />}
        {failed && <p role="alert" className="notice notice-error">{t('guest.invalid')}</p>}
        {guest && !client && (
          <div className="call-join">
            <p>{t('guest.intro', { role: t(`room.guestRole_${guest.guestRole}`) })}</p>
            <button type="button" className="button" onClick={join}>{t('room.join')}</button>
          </div>
        )}
        {guest && client && <CallView client={client} capacity={guest.capacity} chatPath={null} />}
      </Page>
    </PublicLayout>
  );
}
