import { describe, expect, it } from 'vitest';
import { mapDiagnosis, searchCodes } from '../../../src/referrals/coding.ts';
import { MORPHOLOGY, TOPOGRAPHY } from '../../../src/referrals/data/icdo3.ts';
import { TERMS_AR } from '../../../src/referrals/data/icdo3-ar.ts';
import { TERMS_ES } from '../../../src/referrals/data/icdo3-es.ts';

const ALL = [...TOPOGRAPHY, ...MORPHOLOGY];

describe('ICD-O-3 labels in the reader language', () => {
  it('ships a Spanish term for every code, and Arabic only for codes of the table', () => {
    expect(ALL.filter((e) => !TERMS_ES[e.code]?.trim()).map((e) => e.code)).toEqual([]);
    expect(Object.keys(TERMS_ES).sort()).toEqual(ALL.map((e) => e.code).sort());
    const codes = new Set(ALL.map((e) => e.code));
    expect(Object.keys(TERMS_AR).filter((c) => !codes.has(c))).toEqual([]);
    expect(Object.keys(TERMS_AR).length).toBeGreaterThan(50);
  });

  it('searches Spanish words, with or without accents, and English words, answering in Spanish', () => {
    const stomach = searchCodes('estómago', 'topography', 20, 'es');
    expect(stomach.map((h) => h.code)).toEqual(expect.arrayContaining(['C16.2', 'C16.9']));
    expect(stomach.find((h) => h.code === 'C16.9')?.term).toBe('Estómago, SAI');
    expect(searchCodes('estomago cuerpo', 'topography', 20, 'es').map((h) => h.code)).toEqual(['C16.2']);
    expect(searchCodes('sarcoma sinovial', 'morphology', 20, 'es')).toEqual([{ code: '9040/3', term: 'Sarcoma sinovial, SAI', axis: 'morphology' }]);
    // An English word still finds the code for a Spanish reader; the term shown is Spanish.
    expect(searchCodes('stromal gastrointestinal', 'morphology', 20, 'es')).toEqual([{ code: '8936/3', term: 'Sarcoma del estroma gastrointestinal', axis: 'morphology' }]);
    // By code: the code always comes back with it.
    expect(searchCodes('C17.1', undefined, 20, 'es')[0]).toEqual({ code: 'C17.1', term: 'Yeyuno', axis: 'topography' });
    // Spanish words do not match for an English reader.
    expect(searchCodes('yeyuno', 'topography', 20, 'en')).toEqual([]);
  });

  it('falls back to English in Arabic where no Arabic term is shipped, and localizes the mapping', () => {
    expect(searchCodes('المعدة', 'topography', 20, 'ar').map((h) => h.code)).toEqual(['C16.2', 'C16.9']);
    expect(searchCodes('C16.5', 'topography', 20, 'ar')[0]?.term).toBe('Lesser curvature of stomach, NOS');
    const m = mapDiagnosis('C16.2', '8936/3', 'es')!;
    expect([m.topography.term, m.morphology.term, m.ruleId]).toEqual(['Cuerpo del estómago', 'Sarcoma del estroma gastrointestinal', 'gist']);
  });
});
