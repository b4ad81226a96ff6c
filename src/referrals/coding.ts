import { AppError } from '../platform/errors.ts';
import type { Locale } from '../contracts/common.ts';
import type { EuracanDomain } from '../contracts/referrals.ts';
import { MORPHOLOGY, MORPHOLOGY_BY_CODE, TOPOGRAPHY, TOPOGRAPHY_BY_CODE, type IcdoEntry } from './data/icdo3.ts';
import { TERMS_AR } from './data/icdo3-ar.ts';
import { TERMS_ES } from './data/icdo3-es.ts';
import { ROUTING_RULES, type RarecareFamily } from './data/rarecare.ts';

export interface CodeHit extends IcdoEntry {
  axis: 'topography' | 'morphology';
}

const LOCAL_TERMS: Readonly<Record<Locale, Readonly<Record<string, string>> | null>> = { en: null, es: TERMS_ES, ar: TERMS_AR };

/** An entry with its term in the reader's language where the table has one, else the English term. */
export const localized = (e: IcdoEntry, locale: Locale = 'en'): IcdoEntry => ({ code: e.code, term: LOCAL_TERMS[locale]?.[e.code] ?? e.term });

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/**
 * The picker: codes whose code starts with the query or whose term, in the reader's language or in
 * English, contains every word of it; terms come back in the reader's language (English fallback).
 */
export function searchCodes(q: string, axis?: 'topography' | 'morphology', limit = 20, locale: Locale = 'en'): CodeHit[] {
  const query = norm(q.trim());
  const words = query.split(/\s+/).filter(Boolean);
  const matches = (term: string | undefined) => term !== undefined && words.every((w) => norm(term).includes(w));
  const pick = (list: readonly IcdoEntry[], a: CodeHit['axis']) =>
    list
      .filter((e) => norm(e.code).startsWith(query) || matches(e.term) || matches(LOCAL_TERMS[locale]?.[e.code]))
      .map((e) => ({ ...localized(e, locale), axis: a }));
  const hits = [...(axis !== 'morphology' ? pick(TOPOGRAPHY, 'topography') : []), ...(axis !== 'topography' ? pick(MORPHOLOGY, 'morphology') : [])];
  // Exact code and code-prefix matches first, then by code.
  return hits.sort((a, b) => Number(!norm(a.code).startsWith(query)) - Number(!norm(b.code).startsWith(query)) || a.code.localeCompare(b.code)).slice(0, limit);
}

export interface CodeMapping {
  topography: IcdoEntry;
  morphology: IcdoEntry;
  /** The routing rule that matched; null when no rule covers this pair. */
  ruleId: string | null;
  rare: boolean | null;
  family: RarecareFamily | null;
  tier1: string | null;
  domain: EuracanDomain | null;
  alsoDomains: EuracanDomain[];
  /** Where the matched rule comes from (RARECARE entity and EURACAN scope). */
  source: string | null;
}

const siteMatches = (patterns: readonly string[], topography: string) => patterns.some((p) => (p.length === 3 ? topography.startsWith(`${p}.`) : topography === p));

/**
 * Maps a topography + morphology pair to its RARECARE family and EURACAN domain. Codes outside the
 * shipped subset are `null` (unknown to the product), never guessed.
 */
export function mapDiagnosis(topography: string, morphology: string, locale: Locale = 'en'): CodeMapping | null {
  const t = TOPOGRAPHY_BY_CODE.get(topography);
  const m = MORPHOLOGY_BY_CODE.get(morphology);
  if (!t || !m) return null;
  const rule = ROUTING_RULES.find((r) => r.morphology.includes(morphology) && siteMatches(r.topography, topography));
  return {
    topography: localized(t, locale),
    morphology: localized(m, locale),
    ruleId: rule?.id ?? null,
    rare: rule ? rule.rare : null,
    family: rule?.family ?? null,
    tier1: rule?.tier1 ?? null,
    domain: rule?.domain ?? null,
    alsoDomains: [...(rule?.alsoDomains ?? [])],
    source: rule?.source ?? null,
  };
}

export const isKnownTopography = (code: string) => TOPOGRAPHY_BY_CODE.has(code);
export const isKnownMorphology = (code: string) => MORPHOLOGY_BY_CODE.has(code);

/** A revised diagnosis names codes from the shipped table. */
export function checkRevisedCodes(topography?: string, morphology?: string) {
  if ((topography && !isKnownTopography(topography)) || (morphology && !isKnownMorphology(morphology))) {
    throw new AppError('invalid', 'Unknown ICD-O-3 code.', [{ path: 'revisedMorphology', message: 'not in the shipped ICD-O-3 table' }]);
  }
}
