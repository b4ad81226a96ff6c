import { describe, expect, it } from 'vitest';
import { CRISIS_RULES } from '../../../src/messaging/crisis-rules.ts';
import { detectCrisis, normalise } from '../../../src/messaging/crisis.ts';

const cases: Array<[string, string[]]> = [
  // English
  ['I want to kill myself', ['self_harm']],
  ['Sometimes I think everyone would be better off dead without me', ['self_harm']],
  ["I don't want to live like this anymore", ['self_harm']],
  ['I keep thinking about SUICIDE', ['self_harm']],
  ['I can’t breathe and my lips are blue', ['breathing']],
  ['Really short of breath climbing the stairs', ['breathing']],
  ['Sharp chest pain since lunch', ['chest_pain']],
  ['There is a lot of pressure in my chest and I cannot breathe', ['breathing', 'chest_pain']],
  // Spanish, with and without accents
  ['Quiero morirme, ya no puedo más', ['self_harm']],
  ['He pensado en quitarme la vida', ['self_harm']],
  ['No puedo respirar bien', ['breathing']],
  ['me falta el aire al caminar', ['breathing']],
  ['Tengo un dolor en el pecho muy fuerte', ['chest_pain']],
  ['opresión en el pecho', ['chest_pain']],
  // Arabic, with hamza and diacritics as people type them
  ['أريد أن أموت', ['self_harm']],
  ['أفكر في الانتحار', ['self_harm']],
  ['لا أستطيع التنفس', ['breathing']],
  ['عندي ضيق في التنفس منذ الصباح', ['breathing']],
  ['ألمٌ في الصدر', ['chest_pain']],
  ['وجع في الصدر', ['chest_pain']],
];

const quiet = [
  'When is my next appointment?',
  'I feel a bit tired after chemo',
  'The skill I learned at the breathing class helps',
  'Killing time in the waiting room',
  'Necesito cambiar mi cita del martes',
  'شكرا على المساعدة',
  'Me duele la cabeza',
];

describe('crisis language detection (data in crisis-rules.ts)', () => {
  for (const [text, categories] of cases) {
    it(`"${text}" -> ${categories.join(', ')}`, () => {
      expect(detectCrisis(text).map((m) => m.category).sort()).toEqual([...categories].sort());
    });
  }
  for (const text of quiet) {
    it(`"${text}" raises nothing`, () => expect(detectCrisis(text)).toEqual([]));
  }
  it('every phrase of every rule matches itself after normalisation', () => {
    for (const rule of CRISIS_RULES) for (const p of rule.phrases) expect(detectCrisis(p).map((m) => m.category)).toContain(rule.category);
  });
  it('normalises accents, Arabic letter variants and punctuation', () => {
    expect(normalise('Opresión—EN el pecho!')).toBe(' opresion en el pecho ');
    expect(normalise('أَلَمٌ')).toBe(' الم ');
  });
  it('is sensitive by design: a negated phrase still matches', () => {
    expect(detectCrisis('no chest pain today').map((m) => m.category)).toEqual(['chest_pain']);
  });
});
