import type { EuracanDomain } from '../../contracts/referrals.ts';

/**
 * Routing table: ICD-O-3 topography + morphology -> RARECARE family and tier-1 entity -> EURACAN domain.
 *
 * Sources: the RARECARE list of rare cancers (Gatta G. et al., "Rare cancers are not so rare: the rare
 * cancer burden in Europe", Eur J Cancer 2011;47:2493-2511, and rarecarenet.eu): rare = incidence below
 * 6/100,000/year, entities grouped in families (tier 1 = clinically managed groups, tier 2 = WHO
 * entities), each defined by ICD-O-3 topography + morphology; EURACAN (European Reference Network for
 * rare adult solid cancers) domains G1-G10. Family and entity names are paraphrased from RARECARE, not
 * copied. This is a representative subset (34 rules, 31 of them routed, over 10 of the 12 families; the embryonal and
 * haematological families are out of EURACAN's solid-adult scope and not mapped), for the organization's
 * clinical lead to review and extend: see docs/decisions/0500-rare-cancer-routing-table.md.
 */
export const RARECARE_FAMILIES = [
  'head_neck',
  'digestive',
  'thoracic',
  'female_genital',
  'male_urogenital',
  'skin_melanoma',
  'sarcoma',
  'neuroendocrine',
  'endocrine',
  'cns',
  'embryonal',
  'haematological',
] as const;
export type RarecareFamily = (typeof RARECARE_FAMILIES)[number];

export interface RoutingRule {
  id: string;
  /** ICD-O-3 topography: a 3-character site ('C49' = any C49.x) or a full code ('C38.4'). */
  topography: readonly string[];
  morphology: readonly string[];
  /** false: a common cancer in RARECARE's sense; it is coded but not routed to a rare-cancer domain. */
  rare: boolean;
  family: RarecareFamily | null;
  /** The RARECARE tier-1 entity, paraphrased; the web app shows it through locales (referrals:tier1.<id>). */
  tier1: string | null;
  domain: EuracanDomain | null;
  /** Other domains whose boards also see such cases. */
  alsoDomains?: readonly EuracanDomain[];
}

const GI = ['C15', 'C16', 'C17', 'C18', 'C19', 'C20', 'C21', 'C22', 'C23', 'C24', 'C25', 'C26', 'C48'];

/** First matching rule wins: specific rules come before general ones. */
export const ROUTING_RULES: readonly RoutingRule[] = [
  // Common cancers coded in the picker: not routed (RARECARE incidence >= 6/100,000).
  { id: 'common_cutaneous_melanoma', topography: ['C44'], morphology: ['8720/3', '8744/3'], rare: false, family: null, tier1: null, domain: null },
  { id: 'common_breast_carcinoma', topography: ['C50'], morphology: ['8500/3', '8140/3'], rare: false, family: null, tier1: null, domain: null },
  { id: 'common_colon_adenocarcinoma', topography: ['C18'], morphology: ['8140/3'], rare: false, family: null, tier1: null, domain: null },

  // Sarcomas (EURACAN G1)
  { id: 'gist', topography: GI, morphology: ['8936/3'], rare: true, family: 'sarcoma', tier1: 'gist', domain: 'sarcoma', alsoDomains: ['digestive'] },
  { id: 'uterine_sarcoma', topography: ['C54', 'C55'], morphology: ['8890/3', '8930/3'], rare: true, family: 'sarcoma', tier1: 'uterine_sarcoma', domain: 'sarcoma', alsoDomains: ['gynaecological'] },
  { id: 'bone_sarcoma', topography: ['C40', 'C41'], morphology: ['9180/3', '9220/3', '9260/3', '9370/3'], rare: true, family: 'sarcoma', tier1: 'bone_sarcoma', domain: 'sarcoma' },
  {
    id: 'soft_tissue_sarcoma',
    topography: ['C47', 'C48', 'C49'],
    morphology: ['8815/3', '8850/3', '8852/3', '8858/3', '8890/3', '8900/3', '9040/3', '9120/3'],
    rare: true, family: 'sarcoma', tier1: 'soft_tissue_sarcoma', domain: 'sarcoma',
  },

  // Rare female genital (G2)
  { id: 'uterine_carcinosarcoma', topography: ['C54', 'C55'], morphology: ['8980/3'], rare: true, family: 'female_genital', tier1: 'uterine_carcinosarcoma', domain: 'gynaecological' },
  { id: 'vulva_vagina_scc', topography: ['C51', 'C52'], morphology: ['8070/3'], rare: true, family: 'female_genital', tier1: 'vulva_vagina_epithelial', domain: 'gynaecological' },
  { id: 'ovary_non_epithelial', topography: ['C56'], morphology: ['8620/3', '9060/3'], rare: true, family: 'female_genital', tier1: 'ovary_non_epithelial', domain: 'gynaecological' },
  { id: 'gestational_trophoblastic', topography: ['C58'], morphology: ['9100/3'], rare: true, family: 'female_genital', tier1: 'gestational_trophoblastic', domain: 'gynaecological' },

  // Rare urological and male genital (G3)
  { id: 'testis_germ_cell', topography: ['C62'], morphology: ['9061/3', '9065/3', '9070/3'], rare: true, family: 'male_urogenital', tier1: 'testis_germ_cell', domain: 'urological' },
  { id: 'penis_scc', topography: ['C60'], morphology: ['8070/3'], rare: true, family: 'male_urogenital', tier1: 'penis_epithelial', domain: 'urological' },
  { id: 'upper_urinary_tract', topography: ['C65', 'C66'], morphology: ['8120/3'], rare: true, family: 'male_urogenital', tier1: 'renal_pelvis_ureter_epithelial', domain: 'urological' },

  // Neuroendocrine (G4)
  { id: 'merkel_cell', topography: ['C44'], morphology: ['8247/3'], rare: true, family: 'neuroendocrine', tier1: 'skin_neuroendocrine', domain: 'skin_melanoma' },
  { id: 'pancreas_net', topography: ['C25'], morphology: ['8150/3', '8240/3', '8249/3', '8246/3'], rare: true, family: 'neuroendocrine', tier1: 'pancreas_neuroendocrine', domain: 'neuroendocrine' },
  { id: 'lung_net', topography: ['C34'], morphology: ['8240/3', '8249/3'], rare: true, family: 'neuroendocrine', tier1: 'lung_neuroendocrine', domain: 'neuroendocrine', alsoDomains: ['thoracic'] },
  { id: 'digestive_net', topography: GI, morphology: ['8240/3', '8249/3', '8246/3'], rare: true, family: 'neuroendocrine', tier1: 'digestive_neuroendocrine', domain: 'neuroendocrine' },

  // Rare digestive (G5)
  { id: 'small_intestine_adenocarcinoma', topography: ['C17'], morphology: ['8140/3'], rare: true, family: 'digestive', tier1: 'small_intestine_epithelial', domain: 'digestive' },
  { id: 'anal_canal_scc', topography: ['C21'], morphology: ['8070/3'], rare: true, family: 'digestive', tier1: 'anal_canal_epithelial', domain: 'digestive' },
  { id: 'biliary_tract', topography: ['C22.1', 'C23', 'C24'], morphology: ['8160/3', '8140/3'], rare: true, family: 'digestive', tier1: 'biliary_tract_epithelial', domain: 'digestive' },

  // Endocrine organs (G6)
  { id: 'thyroid', topography: ['C73'], morphology: ['8260/3', '8330/3', '8345/3', '8020/3', '8021/3'], rare: true, family: 'endocrine', tier1: 'thyroid', domain: 'endocrine' },
  { id: 'adrenal_cortex', topography: ['C74'], morphology: ['8370/3'], rare: true, family: 'endocrine', tier1: 'adrenal_cortex', domain: 'endocrine' },
  { id: 'pheochromocytoma_paraganglioma', topography: ['C74', 'C75'], morphology: ['8700/3', '8680/3'], rare: true, family: 'endocrine', tier1: 'pheo_paraganglioma', domain: 'endocrine', alsoDomains: ['neuroendocrine'] },
  { id: 'parathyroid', topography: ['C75.0'], morphology: ['8140/3'], rare: true, family: 'endocrine', tier1: 'parathyroid', domain: 'endocrine' },

  // Rare head and neck (G7)
  { id: 'nasopharynx', topography: ['C11'], morphology: ['8070/3', '8082/3', '8020/3'], rare: true, family: 'head_neck', tier1: 'nasopharynx_epithelial', domain: 'head_neck' },
  { id: 'salivary_glands', topography: ['C07', 'C08'], morphology: ['8200/3', '8430/3', '8140/3'], rare: true, family: 'head_neck', tier1: 'salivary_epithelial', domain: 'head_neck' },
  { id: 'sinonasal', topography: ['C30', 'C31'], morphology: ['8070/3', '8200/3', '8140/3'], rare: true, family: 'head_neck', tier1: 'sinonasal_epithelial', domain: 'head_neck' },

  // Rare thoracic (G8)
  { id: 'thymic_epithelial', topography: ['C37'], morphology: ['8580/3', '8586/3'], rare: true, family: 'thoracic', tier1: 'thymic_epithelial', domain: 'thoracic' },
  { id: 'pleural_mesothelioma', topography: ['C38.4'], morphology: ['9050/3', '9052/3'], rare: true, family: 'thoracic', tier1: 'pleural_mesothelioma', domain: 'thoracic' },

  // Skin and non-cutaneous melanoma (G9)
  { id: 'uveal_melanoma', topography: ['C69'], morphology: ['8720/3'], rare: true, family: 'skin_melanoma', tier1: 'eye_melanoma', domain: 'skin_melanoma' },
  { id: 'mucosal_melanoma', topography: ['C00', 'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C11', 'C21', 'C30', 'C31', 'C51', 'C52'], morphology: ['8720/3'], rare: true, family: 'skin_melanoma', tier1: 'mucosal_melanoma', domain: 'skin_melanoma' },

  // Brain and spinal cord (G10)
  { id: 'glial', topography: ['C71', 'C72'], morphology: ['9391/3', '9400/3', '9440/3', '9450/3'], rare: true, family: 'cns', tier1: 'glial', domain: 'brain_spinal' },
  { id: 'malignant_meningioma', topography: ['C70'], morphology: ['9530/3'], rare: true, family: 'cns', tier1: 'malignant_meningioma', domain: 'brain_spinal' },
];
