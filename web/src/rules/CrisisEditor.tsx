import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisData, RuleSource } from './api.ts';
import { SourcePicker } from './Sources.tsx';

type Country = CrisisData['countries'][string];
type Line = Country['lines'][number];
const LNGS = ['en', 'es', 'ar'] as const;

/** Crisis resources per country: emergency number, oncology hotline and crisis lines with names per language. */
export function CrisisEditor({ crisis, sources, onChange }: { crisis: CrisisData; sources: RuleSource[]; onChange: (c: CrisisData) => void }) {
  const { t } = useTranslation('rules');
  const [code, setCode] = useState('');
  const setCountry = (cc: string, c: Country) => onChange({ ...crisis, countries: { ...crisis.countries, [cc]: c } });
  return (
    <div>
      <SourcePicker id="crisis-source" label={t('sources.crisis')} value={crisis.source} sources={sources} onChange={(source) => onChange({ ...crisis, source })} />
      <div className="field">
        <label htmlFor="crisis-default">{t('editor.defaultCountry')}</label>
        <select id="crisis-default" value={crisis.defaultCountry} onChange={(e) => onChange({ ...crisis, defaultCountry: e.target.value })}>
          {Object.keys(crisis.countries).map((cc) => <option key={cc} value={cc}>{cc}</option>)}
        </select>
      </div>
      {Object.entries(crisis.countries).map(([cc, c]) => (
        <fieldset key={cc} className="card crisis-country">
          <legend>{t('editor.country', { country: cc })}</legend>
          <Text id={`em-${cc}`} label={t('editor.emergency')} value={c.emergency} onChange={(v) => setCountry(cc, { ...c, emergency: v })} />
          <Text id={`hot-${cc}`} label={t('editor.hotlinePhone')} value={c.oncologyHotline?.phone ?? ''} onChange={(v) => setCountry(cc, hotline(c, { phone: v }))} />
          <Text id={`hoth-${cc}`} label={t('editor.hotlineHours')} value={c.oncologyHotline?.hours ?? ''} onChange={(v) => setCountry(cc, hotline(c, { hours: v }))} />
          {c.lines.map((l, i) => {
            const setLine = (patch: Partial<Line>) => setCountry(cc, { ...c, lines: c.lines.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <fieldset key={i} className="crisis-line">
                <legend>{t('editor.line', { n: i + 1 })}</legend>
                <Text id={`ph-${cc}-${i}`} label={t('editor.phone')} value={l.phone} onChange={(v) => setLine({ phone: v })} />
                {LNGS.map((lng) => <Text key={lng} id={`nm-${cc}-${i}-${lng}`} label={t('editor.name', { language: lng })} value={l.name[lng] ?? ''} onChange={(v) => setLine({ name: { ...l.name, [lng]: v || undefined } })} />)}
                <Text id={`hr-${cc}-${i}`} label={t('editor.hours')} value={l.hours} onChange={(v) => setLine({ hours: v })} />
                <Text id={`lg-${cc}-${i}`} label={t('editor.languages')} value={l.languages.join(', ')} onChange={(v) => setLine({ languages: v.split(',').map((x) => x.trim()).filter(Boolean) })} />
                <button type="button" className="button button-secondary" onClick={() => setCountry(cc, { ...c, lines: c.lines.filter((_, j) => j !== i) })}>{t('editor.removeLine')}</button>
              </fieldset>
            );
          })}
          <button type="button" className="button button-secondary" onClick={() => setCountry(cc, { ...c, lines: [...c.lines, { phone: '', name: { en: '' }, hours: '24/7', languages: ['en'] }] })}>{t('editor.addLine')}</button>
        </fieldset>
      ))}
      <div className="field inline-form">
        <label htmlFor="crisis-add">{t('editor.addCountry')}</label>
        <input id="crisis-add" value={code} maxLength={2} pattern="[A-Za-z]{2}" onChange={(e) => setCode(e.target.value.toUpperCase())} />
        <button type="button" className="button button-secondary" disabled={!/^[A-Z]{2}$/.test(code) || Boolean(crisis.countries[code])} onClick={() => { setCountry(code, { emergency: '112', lines: [] }); setCode(''); }}>
          {t('editor.add')}
        </button>
      </div>
    </div>
  );
}

function hotline(c: Country, patch: { phone?: string; hours?: string }): Country {
  const next = { phone: c.oncologyHotline?.phone ?? '', hours: c.oncologyHotline?.hours ?? '24/7', ...patch };
  const { oncologyHotline: _drop, ...rest } = c;
  return next.phone ? { ...rest, oncologyHotline: next } : rest;
}

function Text({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
