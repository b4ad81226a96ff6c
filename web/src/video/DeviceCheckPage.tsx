import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../shell/Page.tsx';
import './video.css';

/**
 * /<role>/video/check — camera preview, microphone level and a speaker test tone, reachable from the
 * appointment reminder (`?appointment=<id>` links on to the call).
 */
export default function DeviceCheckPage() {
  const { t } = useTranslation('video');
  const [params] = useSearchParams();
  const appointmentId = params.get('appointment');
  const videoRef = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [failed, setFailed] = useState(false);
  const [speakers, setSpeakers] = useState<MediaDeviceInfo[]>([]);
  const [speakerId, setSpeakerId] = useState('');

  async function start() {
    setFailed(false);
    try {
      const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      setStream(media);
      setSpeakers((await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput'));
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    if (!stream) return;
    if (videoRef.current) videoRef.current.srcObject = stream;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 200)));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      void audio.close();
      for (const track of stream.getTracks()) track.stop();
    };
  }, [stream]);

  async function playTone() {
    const audio = new AudioContext();
    const sink = audio as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (speakerId && sink.setSinkId) await sink.setSinkId(speakerId);
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0.2;
    osc.frequency.value = 440;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.8);
    osc.onended = () => void audio.close();
  }

  return (
    <Page title={t('check.title')}>
      <p className="lead">{t('check.intro')}</p>
      {!stream && (
        <button type="button" className="button" onClick={() => void start()}>
          {t('check.start')}
        </button>
      )}
      {failed && <p role="alert" className="notice notice-error">{t('check.failed')}</p>}
      {stream && (
        <div className="device-check">
          <section className="card" aria-labelledby="check-camera">
            <h2 id="check-camera">{t('check.cameraHeading')}</h2>
            {stream.getVideoTracks().length ? <video ref={videoRef} autoPlay playsInline muted aria-label={t('check.cameraPreview')} className="check-preview" /> : <p>{t('check.noCamera')}</p>}
          </section>
          <section className="card" aria-labelledby="check-mic">
            <h2 id="check-mic">{t('check.micHeading')}</h2>
            <meter min={0} max={100} value={level} aria-label={t('check.micLevel')} className="mic-meter" />
            <p>{t('check.micHint')}</p>
          </section>
          <section className="card" aria-labelledby="check-speaker">
            <h2 id="check-speaker">{t('check.speakerHeading')}</h2>
            {speakers.length > 1 ? (
              <div className="field">
                <label htmlFor="check-speaker-select">{t('controls.speaker')}</label>
                <select id="check-speaker-select" value={speakerId} onChange={(e) => setSpeakerId(e.target.value)}>
                  {speakers.map((s, i) => (
                    <option key={s.deviceId || i} value={s.deviceId}>{s.label || `${t('controls.speaker')} ${i + 1}`}</option>
                  ))}
                </select>
              </div>
            ) : (
              <p>{t('check.speakerNoChoice')}</p>
            )}
            <button type="button" className="button" onClick={() => void playTone()}>
              {t('check.playTone')}
            </button>
            <p>{t('check.speakerHint')}</p>
          </section>
          <p role="status">{t('check.allGood')}</p>
        </div>
      )}
      {appointmentId && (
        <p>
          <Link className="link-target" to={`../appointment/${appointmentId}`} relative="path">{t('check.backToCall')}</Link>
        </p>
      )}
    </Page>
  );
}
