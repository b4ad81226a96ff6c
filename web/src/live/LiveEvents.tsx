import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { CrisisView } from '../../../src/contracts/rules.ts';
import { sessionEnded } from '../api.ts';
import { CrisisPanel } from '../checkins/CrisisPanel.tsx';
import { NOTIFICATIONS_KEY, notificationTitleKey, refreshNotifications, UNREAD_KEY } from '../notifications/api.ts';
import { restoreTypedDrafts } from './drafts.ts';
import { LIVE_INVALIDATIONS } from './invalidations.ts';
import { acquireLiveSocket, releaseLiveSocket, useLiveConnection, useLiveEvent } from './socket.ts';

/**
 * The shell's listener for server events that concern the whole app, for every role:
 * `notification:new` (bell and announcement), `notification:read` (other tabs), `referral:changed`
 * and the other domain events listed in invalidations.ts (the screens' queries are read again),
 * `crisis:show` (crisis resources at once), `session:expired` (back to sign-in, draft kept).
 */
const INLINE_CRISIS_PAGES = /\/(checkin|messages)(\/|$)/;

export function LiveEvents() {
  const { t } = useTranslation('bell');
  const client = useQueryClient();
  const location = useLocation();
  const [announcement, setAnnouncement] = useState('');
  const [crisis, setCrisis] = useState<CrisisView | undefined>(undefined);

  useEffect(() => restoreTypedDrafts(location.pathname), [location.pathname]);

  useLiveEvent('notification:new', (n) => {
    void refreshNotifications(client);
    setAnnouncement(t('announce', { title: t(notificationTitleKey(n.template), { defaultValue: t('fallbackTitle') }) }));
  });
  useLiveEvent('notification:read', ({ unread }) => {
    client.setQueryData([UNREAD_KEY], { unread });
    void client.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  });
  // The check-in and chat pages show crisis resources inline for what was just sent there; a second copy
  // in a dialog would only hide the page. Everywhere else (a caregiver submitted for this patient) it opens.
  useLiveEvent('crisis:show', (view) => {
    if (!INLINE_CRISIS_PAGES.test(location.pathname)) setCrisis(view);
  });
  useLiveEvent('session:expired', () => sessionEnded());
  useEffect(() => {
    const socket = acquireLiveSocket();
    const listeners = LIVE_INVALIDATIONS.map(([event, prefixes]) => {
      const stale = () => void client.invalidateQueries({ predicate: (q) => prefixes.some((p) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(p)) });
      socket.on(event, stale);
      return () => socket.off(event, stale);
    });
    // A notification stored between the page's first read and the socket joining its room was pushed to
    // no one: read the bell again on every connect.
    const caughtUp = () => void refreshNotifications(client);
    socket.on('connect', caughtUp);
    return () => {
      for (const off of listeners) off();
      socket.off('connect', caughtUp);
      releaseLiveSocket();
    };
  }, [client]);
  // After a dropped connection, events may have been missed: read everything shown again.
  useLiveConnection(() => void client.invalidateQueries());

  return (
    <>
      <div aria-live="polite" className="visually-hidden" data-testid="live-announcement">
        {announcement}
      </div>
      {crisis && <CrisisDialog crisis={crisis} onClose={() => setCrisis(undefined)} />}
    </>
  );
}

function CrisisDialog({ crisis, onClose }: { crisis: CrisisView; onClose: () => void }) {
  const { t } = useTranslation('bell');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog crisis-dialog" aria-labelledby="crisis-title" onClose={onClose}>
      <CrisisPanel crisis={crisis} />
      <form method="dialog">
        <button type="submit" className="button button-secondary">
          {t('close')}
        </button>
      </form>
    </dialog>
  );
}
