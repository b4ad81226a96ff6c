import type { CrisisCategory } from '../contracts/messaging.ts';
import { CRISIS_RULES, type CrisisRule } from './crisis-rules.ts';

/**
 * Lower case, Latin accents removed, Arabic diacritics and tatweel removed and letter variants unified,
 * curly apostrophes straightened, runs of spaces and punctuation collapsed to one space.
 */
export function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u064b-\u0655\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/-/g, ' ')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()} `;
}

export interface CrisisMatch {
  category: CrisisCategory;
  ruleId: string;
}

const compiled = CRISIS_RULES.map((rule: CrisisRule) => ({
  rule,
  // Latin phrases match whole words; Arabic ones also inside a word, since prefixes (و, ف, ب) attach.
  needles: rule.phrases.map((p) => (rule.lang === 'ar' ? normalise(p).trim() : normalise(p))),
}));

/** Every rule whose phrases occur in the text, one match per category, whatever the writer's language. */
export function detectCrisis(text: string): CrisisMatch[] {
  const haystack = normalise(text);
  const found = new Map<CrisisCategory, CrisisMatch>();
  for (const { rule, needles } of compiled) {
    if (found.has(rule.category)) continue;
    if (needles.some((n) => haystack.includes(n))) found.set(rule.category, { category: rule.category, ruleId: rule.id });
  }
  return [...found.values()];
}
