import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paths, type PacketItem } from './api.ts';

/**
 * The records packet of one case. An uploaded image or PDF opens inline on request, each opening one
 * audited read: the image as an <img>, the PDF in a frame. The file itself is sandboxed by its own
 * response CSP (`default-src 'none'; sandbox`, framed by this app only); the frame has no sandbox
 * attribute because Chromium refuses to run its PDF viewer in a sandboxed frame, while it honours the
 * CSP sandbox. Any file can also be downloaded.
 */
export function PacketViewer({ referralId, items }: { referralId: string; items: PacketItem[] }) {
  const { t } = useTranslation('casereview');
  const { t: tr } = useTranslation('referrals');
  if (items.length === 0) return <p className="empty-state">{t('packet.empty')}</p>;
  return (
    <ul className="plain-list cr-packet">
      {items.map((item) => (
        <li key={item.id} className="cr-packet-item">
          <h4>
            {tr(`packetKinds.${item.kind}`)}: {item.title}
          </h4>
          {item.body && <p className="cr-packet-body">{item.body}</p>}
          {item.attachmentId && <FileView referralId={referralId} item={item} />}
        </li>
      ))}
    </ul>
  );
}

function FileView({ referralId, item }: { referralId: string; item: PacketItem }) {
  const { t } = useTranslation('casereview');
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const viewable = item.contentType === 'application/pdf' || item.contentType?.startsWith('image/');
  const region = `cr-view-${item.id}`;
  return (
    <div>
      <div className="cr-actions">
        {viewable && (
          <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={region} onClick={() => setOpen((v) => !v)}>
            {open ? t('packet.hide', { title: item.title }) : t('packet.view', { title: item.title })}
          </button>
        )}
        <a className="button button-secondary" href={paths.packetFile(referralId, item.id, false)} download>
          {t('packet.download', { title: item.title })}
        </a>
      </div>
      <div id={region} className="cr-viewer" hidden={!open}>
        {open && failed && (
          <p role="alert" className="notice notice-error">
            {t('packet.failed')}
          </p>
        )}
        {open && !failed && item.contentType?.startsWith('image/') && <img src={paths.packetFile(referralId, item.id, true)} alt={item.title} onError={() => setFailed(true)} />}
        {open && item.contentType === 'application/pdf' && <iframe src={paths.packetFile(referralId, item.id, true)} title={item.title} />}
      </div>
    </div>
  );
}
