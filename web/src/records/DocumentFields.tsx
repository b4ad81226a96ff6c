import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../src/contracts/records.ts';
import { Options } from '../shell/Options.tsx';

export interface DocumentFieldValues {
  kind: DocumentKind;
  title: string;
  date: string;
}

/** A document's type, title and date: the same three fields when adding a document and when correcting one. */
export function DocumentFields({ value, onChange }: { value: DocumentFieldValues; onChange: (next: DocumentFieldValues) => void }) {
  const { t } = useTranslation('records');
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('upload.kind')}</label>
        <select id={`${id}-kind`} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as DocumentKind })}>
          <Options values={DOCUMENT_KINDS} label={(k) => t(`kind.${k}`)} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('upload.title')}</label>
        <input id={`${id}-title`} required maxLength={200} value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('upload.date')}</label>
        <input id={`${id}-date`} type="date" value={value.date} onChange={(e) => onChange({ ...value, date: e.target.value })} />
      </div>
    </>
  );
}
