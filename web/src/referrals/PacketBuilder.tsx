import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { messagingApi } from '../messaging/api.ts';
import { ErrorNotice } from '../shell/status.tsx';
import { referralPath, referralsApi, usePath, type RecordsView } from './api.ts';
import { DiagnosisTerms } from './DiagnosisTerms.tsx';
import type { PacketItem, ReferralDetail } from './types.ts';

const EDITABLE = ['draft', 'sent', 'accepted', 'scheduled'];

/**
 * The records packet, built per checklist item: pick one of the patient's documents, upload a file,
 * or write the text (a clinical summary). Completeness is the checklist's; the preview shows what
 * the receiving site will see once the patient's consent is active.
 */
export function PacketBuilder({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: [referralPath(referral.id)] });
  const remove = useMutation({ mutationFn: (itemId: string) => referralsApi.removeItem(referral.id, itemId), onSuccess: refresh });
  const editable = EDITABLE.includes(referral.state);
  const items = referral.packet ?? [];
  const missing = referral.checklist.items.filter((i) => i.required && !i.done).length;

  return (
    <section aria-labelledby="packet-heading">
      <h2 id="packet-heading">{t('packet.title')}</h2>
      <p role="status" className="notice notice-info">
        {missing === 0 ? t('packet.complete') : t('packet.incomplete', { count: missing })}
      </p>
      {remove.isError && <ErrorNotice error={remove.error} />}
      <ul className="plain-list packet-list">
        {referral.checklist.items.map((c) => (
          <li key={c.item} className="card packet-item">
            <h3>
              {tr(`packetKinds.${c.item}`)} <span className="hint">({tr(c.required ? 'detail.required' : 'detail.optional')})</span>: <strong>{tr(c.done ? 'detail.done' : 'detail.missing')}</strong>
            </h3>
            {c.item === 'diagnosis' && <p>{t('packet.codedOnReferral')}</p>}
            {c.item === 'consent' && <p>{t('packet.consentItem')}</p>}
            <ul className="plain-list">
              {items
                .filter((i) => i.kind === c.item)
                .map((i) => (
                  <ItemRow key={i.id} referralId={referral.id} item={i} onRemove={editable ? () => remove.mutate(i.id) : undefined} />
                ))}
            </ul>
            {editable && c.item !== 'diagnosis' && c.item !== 'consent' && <AddItem referralId={referral.id} kind={c.item} onAdded={refresh} />}
          </li>
        ))}
      </ul>
      <Preview referral={referral} />
    </section>
  );
}

function ItemRow({ referralId, item, onRemove }: { referralId: string; item: PacketItem; onRemove: (() => void) | undefined }) {
  const { t } = useTranslation('referralflow');
  return (
    <li>
      {item.attachmentId ? (
        <a href={`/api/referrals/${referralId}/packet/${item.id}/file`} target="_blank" rel="noreferrer" aria-label={t('packet.open', { title: item.title })}>
          {item.title}
        </a>
      ) : (
        <strong>{item.title}</strong>
      )}{' '}
      <span className="hint">({t(`packet.source.${item.source}`)})</span>
      {item.body && <p className="packet-body">{item.body}</p>}
      {onRemove && (
        <button type="button" className="button button-secondary" onClick={onRemove} aria-label={t('packet.remove', { title: item.title })}>
          {t('packet.removeShort')}
        </button>
      )}
    </li>
  );
}

type Way = 'documents' | 'upload' | 'write';

function AddItem({ referralId, kind, onAdded }: { referralId: string; kind: string; onAdded: () => void }) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const [open, setOpen] = useState(false);
  const [way, setWay] = useState<Way>('documents');
  const [documentId, setDocumentId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const docs = usePath<RecordsView>(open ? `/api/referrals/${referralId}/documents` : null);
  const base = `add-${kind}`;
  const add = useMutation({
    mutationFn: async () => {
      if (way === 'write') return referralsApi.addText(referralId, { kind, title, body });
      if (way === 'documents') {
        const doc = docs.data?.documents.find((d) => d.id === documentId);
        if (!doc) throw new Error('no document');
        return referralsApi.addFile(referralId, { kind, title: doc.title, attachmentId: doc.attachmentId });
      }
      // A file becomes the patient's once it is posted in their care-team thread (messaging decides who reads it).
      const threadId = docs.data!.threadId;
      const info = await messagingApi.upload(threadId, file!);
      const name = title || file!.name;
      await referralsApi.postFile(threadId, info.id, t('packet.uploadMessage', { title: name, kind: tr(`packetKinds.${kind}`) }));
      return referralsApi.addFile(referralId, { kind, title: name, attachmentId: info.id });
    },
    onSuccess: () => {
      setOpen(false);
      setTitle('');
      setBody('');
      setDocumentId('');
      setFile(null);
      onAdded();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const label = t('packet.add', { kind: tr(`packetKinds.${kind}`) });
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form className="form packet-add" onSubmit={submit} aria-label={label}>
      <fieldset>
        <legend>{label}</legend>
        {(['documents', 'upload', 'write'] as const).map((w) => (
          <label key={w} className="choice">
            <input type="radio" name={`${base}-way`} value={w} checked={way === w} onChange={() => setWay(w)} /> {t(`packet.way.${w}`)}
          </label>
        ))}
      </fieldset>
      {docs.isError && <ErrorNotice error={docs.error} />}
      {way === 'documents' && (
        <div className="field">
          <label htmlFor={`${base}-doc`}>{t('packet.chooseDocument')}</label>
          {docs.data?.documents.length === 0 && <p>{t('packet.noDocuments')}</p>}
          <select id={`${base}-doc`} required value={documentId} onChange={(e) => setDocumentId(e.target.value)}>
            <option value="" />
            {docs.data?.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title} ({d.fileName}{d.documentDate ? `, ${d.documentDate}` : ''})
              </option>
            ))}
          </select>
        </div>
      )}
      {way === 'upload' && (
        <div className="field">
          <label htmlFor={`${base}-file`}>{t('packet.file')}</label>
          <input id={`${base}-file`} type="file" required accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
      )}
      {way !== 'documents' && (
        <div className="field">
          <label htmlFor={`${base}-title`}>{t('packet.itemTitle')}</label>
          <input id={`${base}-title`} required={way === 'write'} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
      )}
      {way === 'write' && (
        <div className="field">
          <label htmlFor={`${base}-body`}>{t('packet.body')}</label>
          <textarea id={`${base}-body`} required rows={5} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
      )}
      {add.isError && <ErrorNotice error={add.error} />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={add.isPending || (way === 'upload' && !docs.data)}>
          {t('packet.addButton')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('packet.close')}
        </button>
      </div>
    </form>
  );
}

/** What the receiving site will see: the same items, the coded diagnosis and the question, nothing else. */
function Preview({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const items = referral.packet ?? [];
  return (
    <section aria-labelledby="preview-heading" className="card packet-preview">
      <h3 id="preview-heading">{t('packet.preview')}</h3>
      {!referral.toSiteId ? (
        <p>{t('packet.previewNoSite')}</p>
      ) : (
        <>
          <p>{t('packet.previewIntro', { site: referral.toSiteName })}</p>
          <dl>
            <dt>{tr('detail.diagnosis')}</dt>
            <dd>
              <DiagnosisTerms referral={referral} />
            </dd>
            <dt>{tr('detail.question')}</dt>
            <dd>{referral.question || '–'}</dd>
          </dl>
          {items.length === 0 ? (
            <p>{t('packet.previewNothing')}</p>
          ) : (
            <ul>
              {items.map((i) => (
                <li key={i.id}>
                  {tr(`packetKinds.${i.kind}`)}: {i.title}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
