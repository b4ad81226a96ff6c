import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallClient, RemotePeer } from './call.ts';
import './video.css';

function VideoTile({ stream, muted, label, active, onFirstFrame, hidden, media }: { stream: MediaStream | null; muted?: boolean; label: string; active?: boolean; onFirstFrame?: () => void; hidden?: boolean; media?: RemotePeer }) {
  const ref = useRef<HTMLVideoElement>(null);
  // The latest callback without re-running the effect: a new srcObject on every render would restart playback.
  const firstFrame = useRef(onFirstFrame);
  useEffect(() => {
    firstFrame.current = onFirstFrame;
  });
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    if (!stream) return;
    const shown = () => firstFrame.current?.();
    video.addEventListener('loadeddata', shown, { once: true });
    return () => video.removeEventListener('loadeddata', shown);
  }, [stream]);
  const hasVideo = Boolean(stream?.getVideoTracks().length);
  return (
    // data-*: what this side decoded from that person (browser tests and the benchmark read them).
    <figure className={`video-tile${active ? ' video-tile-active' : ''}`} data-peer-name={media?.name} data-frames-decoded={media?.framesDecoded} data-audio-samples={media?.audioSamples} data-first-frame-ms={media?.firstFrameMs ?? undefined} data-connection={media?.connection ?? undefined}>
      <video ref={ref} autoPlay playsInline muted={muted} className={hidden || !hasVideo ? 'video-hidden' : undefined} aria-label={label} />
      {(hidden || !hasVideo) && <div className="video-placeholder" aria-hidden="true">{label.slice(0, 1)}</div>}
      <figcaption>{label}</figcaption>
    </figure>
  );
}

function DeviceSelect({ kind, label, onChange }: { kind: MediaDeviceKind; label: string; onChange: (id: string) => void }) {
  const id = useId();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const load = () => void navigator.mediaDevices.enumerateDevices().then((all) => setDevices(all.filter((d) => d.kind === kind)));
    load();
    navigator.mediaDevices.addEventListener('devicechange', load);
    return () => navigator.mediaDevices.removeEventListener('devicechange', load);
  }, [kind]);
  if (devices.length < 1) return null;
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} onChange={(e) => onChange(e.target.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The call screen: waiting room, the video grid (active speaker large), controls, the host's
 * waiting list, and the connection-quality indicator.
 */
export function CallView({ client, capacity, chatPath }: { client: CallClient; capacity: number; chatPath: string | null }) {
  const { t } = useTranslation('video');
  const state = useSyncExternalStore(client.subscribe, client.snapshot);
  const [actionError, setActionError] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>) => () => {
    setActionError(null);
    fn().catch((err: { code?: string }) => setActionError(t(`errors:${err.code ?? 'internal'}`)));
  };

  const statusText =
    state.phase === 'joining' || state.phase === 'idle' ? t('room.joining')
    : state.phase === 'waiting' ? t('room.waiting')
    : state.phase === 'in-call' ? t('room.inCall')
    : state.phase === 'reconnecting' ? t('room.reconnecting')
    : state.phase === 'closed' ? t(`room.closed_${state.closedReason ?? 'ended'}`)
    : state.error === 'media' ? t('room.error_media')
    : state.error === 'mesh_full' ? t('room.meshFull', { max: capacity })
    : t(`errors:${state.error ?? 'internal'}`);

  const speaker = state.activeSpeaker;
  const peers: RemotePeer[] = [...state.peers].sort((a, b) => Number(b.peerId === speaker) - Number(a.peerId === speaker));
  const nameOf = (p: { name: string; role: string; guestRole?: string | undefined }) => (p.guestRole ? `${p.name} (${t(`room.guestRole_${p.guestRole}`)})` : p.name);

  return (
    <div className="call" data-phase={state.phase} data-mode={state.mode ?? ''} data-video-scale={state.videoScale} data-frames-decoded={state.framesDecoded} data-audio-samples={state.audioSamples} data-first-frame-ms={state.firstFrameMs ?? ''}>
      {state.mode && (
        <p className="notice notice-info">
          {state.mode === 'sfu' ? t('room.modeSfu') : t('room.modeMesh', { max: capacity })}
          {state.mode === 'mesh' && state.videoScale > 1 && ` ${t('room.meshReduced')}`}
        </p>
      )}
      <p role="status" aria-live="polite" className={`call-status ${state.phase === 'error' ? 'notice notice-error' : ''}`}>
        {statusText}
      </p>
      {actionError && <p role="alert" className="notice notice-error">{actionError}</p>}

      {state.phase === 'waiting' && (
        <div className="card">
          <p>{t('room.waitingHint')}</p>
          <p>
            {chatPath ? <Link className="link-target" to={chatPath}>{t('room.openChat')}</Link> : <Link className="link-target" to="../../../messages" relative="path">{t('room.messagesLink')}</Link>}
          </p>
        </div>
      )}

      {state.phase === 'in-call' && (
        <div className="call-layout">
          <section className="call-stage" aria-label={t('room.peopleInCall')}>
            <div className="video-grid">
              {peers.map((p) => (
                <VideoTile
                  key={p.peerId}
                  stream={p.stream}
                  label={`${nameOf(p)}${p.peerId === speaker ? ` – ${t('room.speaking')}` : ''}${p.screen ? ` – ${t('room.sharingScreen')}` : p.video ? '' : ` – ${t('room.noVideo')}`}`}
                  active={p.peerId === speaker || peers.length === 1}
                  hidden={state.audioOnly}
                  onFirstFrame={() => client.markFirstFrame(p.peerId)}
                  media={p}
                />
              ))}
              {peers.flatMap((p) => (p.screenStream ? [<VideoTile key={`${p.peerId}-screen`} stream={p.screenStream} label={t('room.screenOf', { name: p.name })} active />] : []))}
              <VideoTile stream={state.localStream} muted label={t('room.you')} hidden={!state.video} />
            </div>
            {peers.length === 0 && <p>{t('room.nobodyYet')}</p>}
            <p className={`quality quality-${state.quality}`}>{t('quality.label', { quality: t(`quality.${state.quality}`) })}</p>
            {state.quality === 'poor' && !state.audioOnly && (
              <p className="notice notice-info">
                {t('quality.poorHint')}{' '}
                <button type="button" className="button button-secondary" onClick={run(() => client.setAudioOnly(true))}>{t('controls.switchAudioOnly')}</button>
              </p>
            )}
          </section>

          <aside className="call-side">
            <div role="group" aria-label={t('controls.label')} className="call-controls">
              <button type="button" className="button" aria-pressed={!state.audio} onClick={run(() => client.toggleMute())}>
                {state.audio ? t('controls.mute') : t('controls.unmute')}
              </button>
              <button type="button" className="button" aria-pressed={!state.video} onClick={run(() => client.toggleCamera())} disabled={state.audioOnly}>
                {state.video ? t('controls.cameraOff') : t('controls.cameraOn')}
              </button>
              <button type="button" className="button button-secondary" aria-pressed={state.screen} onClick={run(() => client.toggleScreen())}>
                {state.screen ? t('controls.stopShare') : t('controls.shareScreen')}
              </button>
              <label className="checkbox">
                <input type="checkbox" checked={state.audioOnly} onChange={(e) => run(() => client.setAudioOnly(e.target.checked))()} /> {t('controls.audioOnly')}
              </label>
              <DeviceSelect kind="audioinput" label={t('controls.microphone')} onChange={(id) => run(() => client.switchDevice('audioinput', id))()} />
              <DeviceSelect kind="videoinput" label={t('controls.camera')} onChange={(id) => run(() => client.switchDevice('videoinput', id))()} />
              <button type="button" className="button button-secondary" onClick={run(() => client.leave())}>
                {t('controls.leave')}
              </button>
              {state.role === 'host' && (
                <button type="button" className="button button-danger" onClick={run(() => client.end())}>
                  {t('controls.endForAll')}
                </button>
              )}
            </div>
            {chatPath && (
              <p>
                <Link className="link-target" to={chatPath}>{t('room.openChat')}</Link>
              </p>
            )}
            {state.role === 'host' && (
              <section className="card" aria-labelledby="waiting-heading">
                <h2 id="waiting-heading">{t('host.waitingHeading')}</h2>
                {state.waiting.length === 0 ? (
                  <p>{t('host.nobodyWaiting')}</p>
                ) : (
                  <ul className="waiting-list">
                    {state.waiting.map((w) => (
                      <li key={w.peerId}>
                        <span>{nameOf(w)}</span>
                        <button type="button" className="button" onClick={run(() => client.admit(w.peerId))}>
                          {t('host.admit', { name: w.name })}
                        </button>
                        <button type="button" className="button button-secondary" onClick={run(() => client.remove(w.peerId))}>
                          {t('host.remove', { name: w.name })}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
