import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RoomKind, RoomSummary } from '../../../src/contracts/video.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { openCallSocket, videoApi } from './api.ts';
import { CallClient } from './call.ts';
import { CallView } from './CallView.tsx';
import { GuestLinks } from './GuestLinks.tsx';
import { LiveVisitQuestions } from '../home/VisitQuestions.tsx';

const noSubscription = () => () => undefined;

/** /<role>/video/:kind/:id — a signed-in participant's call page. */
export default function VideoRoomPage() {
  const { t } = useTranslation('video');
  const params = useParams();
  const user = useUser();
  const kind = (params.kind === 'case_review' ? 'case_review' : 'appointment') as RoomKind;
  const id = params.id ?? '';
  const [summary, setSummary] = useState<RoomSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [client, setClient] = useState<CallClient | null>(null);
  const phase = useSyncExternalStore(client?.subscribe ?? noSubscription, () => client?.snapshot().phase ?? 'idle');

  useEffect(() => {
    const controller = new AbortController();
    videoApi.room(kind, id).then(setSummary, (err: unknown) => {
      if (!controller.signal.aborted) setError(err);
    });
    return () => controller.abort();
  }, [kind, id]);

  useEffect(() => {
    if (!client) return;
    return () => client.dispose();
  }, [client]);

  function join() {
    const socket = openCallSocket('/');
    const call = new CallClient(socket, { kind, id });
    const stop = call.subscribe(() => {
      if (call.snapshot().phase === 'closed') {
        stop();
        setTimeout(() => socket.disconnect(), 0);
      }
    });
    setClient(call);
    void call.start();
  }

  const title = kind === 'case_review' ? t('room.titleCaseReview') : summary?.title || t('room.title');
  return (
    <Page title={title}>
      {error !== null && <ErrorNotice error={error} />}
      {!summary && error === null && <Loading />}
      {summary && (!client || phase === 'closed') && (
        <div className="call-join">
          <p className="notice notice-info" data-video-mode={summary.mode}>
            {summary.mode === 'sfu' ? t('room.modeSfu') : t('room.modeMesh', { max: summary.capacity })}
          </p>
          <button type="button" className="button" onClick={join}>
            {client ? t('room.rejoin') : t('room.join')}
          </button>
          <p>
            <Link className="link-target" to="../../check" relative="path">{t('room.deviceCheckLink')}</Link>
          </p>
        </div>
      )}
      {client && summary && (
        <CallView client={client} capacity={summary.capacity} chatPath={summary.chatPath} />
      )}
      {summary?.role === 'host' && <GuestLinks room={{ kind, id }} />}
      {kind === 'appointment' && (user.role === 'navigator' || user.role === 'specialist') && <LiveVisitQuestions appointmentId={id} />}
    </Page>
  );
}
