import type { CrisisCategory } from '../contracts/messaging.ts';

/**
 * Crisis language in a patient's (or caregiver's) message: phrases per language and category, matched
 * on normalised text (see crisis.ts). Data, not code: a clinical lead reviews this list. Sensitivity is
 * preferred to precision: a negated phrase ("no chest pain") still matches, because a navigator reading
 * a needless urgent alert costs minutes and a missed one can cost a life (CLINICAL.md: self-harm language
 * in chat is urgent). Every phrase has a worked example in test/unit/messaging/crisis.test.ts.
 */
export interface CrisisRule {
  id: string;
  category: CrisisCategory;
  lang: 'en' | 'es' | 'ar';
  phrases: string[];
}

export const CRISIS_RULES_VERSION = '2026-11-23.1';
export const CRISIS_RULES_SOURCE = 'Wayfinder clinical safety list v1 (CLINICAL.md urgent examples; 988 Lifeline safe-messaging vocabulary)';

export const CRISIS_RULES: CrisisRule[] = [
  {
    id: 'crisis.self_harm.en',
    category: 'self_harm',
    lang: 'en',
    phrases: [
      'kill myself', 'killing myself', 'end my life', 'ending my life', 'take my own life', 'suicide', 'suicidal',
      'want to die', 'wanna die', 'better off dead', 'hurt myself', 'harm myself', 'self harm', 'cut myself',
      'no reason to live', "don't want to live", 'dont want to live', 'do not want to live', 'overdose on purpose',
    ],
  },
  {
    id: 'crisis.breathing.en',
    category: 'breathing',
    lang: 'en',
    phrases: [
      "can't breathe", 'cant breathe', 'cannot breathe', 'can not breathe', 'unable to breathe', 'struggling to breathe',
      'hard to breathe', 'trouble breathing', 'difficulty breathing', 'short of breath', 'shortness of breath',
      'gasping for air', 'choking',
    ],
  },
  {
    id: 'crisis.chest_pain.en',
    category: 'chest_pain',
    lang: 'en',
    phrases: ['chest pain', 'chest pains', 'pain in my chest', 'chest hurts', 'chest is tight', 'tightness in my chest', 'chest tightness', 'pressure in my chest', 'crushing chest'],
  },
  {
    id: 'crisis.self_harm.es',
    category: 'self_harm',
    lang: 'es',
    phrases: [
      'suicidarme', 'suicidio', 'suicida', 'matarme', 'quitarme la vida', 'acabar con mi vida', 'quiero morir',
      'quiero morirme', 'no quiero vivir', 'hacerme dano', 'lastimarme', 'autolesion', 'cortarme', 'mejor muerto',
      'mejor muerta', 'no vale la pena vivir',
    ],
  },
  {
    id: 'crisis.breathing.es',
    category: 'breathing',
    lang: 'es',
    phrases: ['no puedo respirar', 'me cuesta respirar', 'dificultad para respirar', 'me falta el aire', 'falta de aire', 'me ahogo', 'ahogandome', 'sin aliento'],
  },
  {
    id: 'crisis.chest_pain.es',
    category: 'chest_pain',
    lang: 'es',
    phrases: ['dolor de pecho', 'dolor en el pecho', 'me duele el pecho', 'opresion en el pecho', 'presion en el pecho', 'dolor toracico'],
  },
  {
    id: 'crisis.self_harm.ar',
    category: 'self_harm',
    lang: 'ar',
    // Written normalised: no diacritics, alef forms as ا, ة as ه, ى as ي.
    phrases: ['انتحر', 'الانتحار', 'اقتل نفسي', 'انهي حياتي', 'اريد ان اموت', 'اؤذي نفسي', 'ايذاء نفسي', 'لا اريد العيش', 'لا اريد ان اعيش'],
  },
  {
    id: 'crisis.breathing.ar',
    category: 'breathing',
    lang: 'ar',
    phrases: ['لا استطيع التنفس', 'لا اقدر اتنفس', 'ضيق في التنفس', 'ضيق التنفس', 'صعوبه في التنفس', 'صعوبه التنفس', 'مش قادر اتنفس', 'اختنق'],
  },
  {
    id: 'crisis.chest_pain.ar',
    category: 'chest_pain',
    lang: 'ar',
    phrases: ['الم في الصدر', 'الم الصدر', 'الم بالصدر', 'صدري يؤلمني', 'وجع في الصدر', 'وجع صدري', 'ضيق في الصدر'],
  },
  // Fever during systemic therapy (ASCO/IDSA 2018; NCCN infections): urgent only for patients on
  // systemic therapy, which messaging/alerts.ts checks; negations still match, as above.
  {
    id: 'crisis.fever.en',
    category: 'fever',
    lang: 'en',
    phrases: ['fever', 'feverish', 'a temperature', 'high temperature', 'temperature of 38', 'temperature of 39', 'temperature of 40', 'chills', 'shivering', 'rigors', 'shaking chills'],
  },
  {
    id: 'crisis.fever.es',
    category: 'fever',
    lang: 'es',
    phrases: ['fiebre', 'febril', 'calentura', 'temperatura alta', 'tengo temperatura', 'escalofrios', 'tiritando', 'tiritona'],
  },
  {
    id: 'crisis.fever.ar',
    category: 'fever',
    lang: 'ar',
    // Not the bare word حمي: it also occurs inside حميه (diet).
    phrases: ['عندي حمي', 'الحمي', 'بالحمي', 'حرارتي مرتفعه', 'ارتفاع الحراره', 'ارتفاع في الحراره', 'درجه حرارتي', 'قشعريره'],
  },
];
