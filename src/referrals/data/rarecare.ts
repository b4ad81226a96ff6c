import type { EuracanDomain } from '../../contracts/referrals.ts';

/**
 * Routing table: ICD-O-3 topography + morphology -> RARECARE family and tier-1 entity -> EURACAN domain.
 *
 * Sources: the RARECARE list of rare cancers (Gatta G. et al., "Rare cancers are not so rare: the rare
 * cancer burden in Europe", Eur J Cancer 2011;47:2493-2511, and rarecarenet.eu): rare = incidence below
 * 6/100,000/year, entities grouped in families (tier 1 = clinically managed groups, tier 2 = WHO
 * entities), each defined by ICD-O-3 topography + morphology; EURACAN (European Reference Network for
 * rare adult solid cancers) domains G1-G10. Family and entity names are paraphrased from RARECARE, not
 * copied. Every one of the 12 families has rules, with the main tier-2 entities clinicians ask about;
 * the embryonal and haematological families are outside EURACAN's adult solid-tumour scope (ERN PaedCan
 * and ERN EuroBloodNet): they are coded and marked rare, and the navigator picks the board by hand. For
 * the organization's clinical lead to review and extend: docs/decisions/0500 and 0504.
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
  /** Where the rule comes from: the RARECARE entity it encodes and the EURACAN domain's scope (or why none). */
  source: string;
}

const GI = ['C15', 'C16', 'C17', 'C18', 'C19', 'C20', 'C21', 'C22', 'C23', 'C24', 'C25', 'C26', 'C48'];

const RARECARE = 'RARECARE list of rare cancers (Gatta et al., Eur J Cancer 2011;47:2493-2511, table 1)';
const EURACAN: Record<EuracanDomain, string> = {
  sarcoma: 'EURACAN G1, connective tissue (sarcomas)',
  gynaecological: 'EURACAN G2, female genital organs and placenta',
  urological: 'EURACAN G3, male genital organs and urinary tract',
  neuroendocrine: 'EURACAN G4, neuroendocrine tumours',
  digestive: 'EURACAN G5, digestive tract',
  endocrine: 'EURACAN G6, endocrine organs',
  head_neck: 'EURACAN G7, head and neck',
  thoracic: 'EURACAN G8, thoracic',
  skin_melanoma: 'EURACAN G9, skin and non-cutaneous melanoma',
  brain_spinal: 'EURACAN G10, brain and spinal cord',
};
const from = (entity: string, domain: EuracanDomain | null, note = '') =>
  `${RARECARE}: ${entity}; ${domain ? EURACAN[domain] : 'outside EURACAN (adult solid tumours): the board is chosen by hand'}${note ? `; ${note}` : ''}`;
const COMMON = 'RARECARE: incidence at or above 6/100,000/year, a common cancer; not routed';

/** First matching rule wins: specific rules come before general ones. */
export const ROUTING_RULES: readonly RoutingRule[] = [
  // Common cancers coded in the picker: not routed (RARECARE incidence >= 6/100,000).
  { id: 'common_cutaneous_melanoma', topography: ['C44'], morphology: ['8720/3', '8744/3'], rare: false, family: null, tier1: null, domain: null, source: COMMON },
  { id: 'common_breast_carcinoma', topography: ['C50'], morphology: ['8500/3', '8140/3'], rare: false, family: null, tier1: null, domain: null, source: COMMON },
  { id: 'common_colon_adenocarcinoma', topography: ['C18'], morphology: ['8140/3'], rare: false, family: null, tier1: null, domain: null, source: COMMON },

  // Sarcomas (EURACAN G1)
  { id: 'gist', topography: GI, morphology: ['8936/3'], rare: true, family: 'sarcoma', tier1: 'gist', domain: 'sarcoma', alsoDomains: ['digestive'], source: from('gastrointestinal stromal sarcoma, any digestive site', 'sarcoma') },
  { id: 'uterine_sarcoma', topography: ['C54', 'C55'], morphology: ['8890/3', '8930/3', '8933/3'], rare: true, family: 'sarcoma', tier1: 'uterine_sarcoma', domain: 'sarcoma', alsoDomains: ['gynaecological'], source: from('soft tissue sarcoma of uterus', 'sarcoma') },
  { id: 'kaposi_sarcoma', topography: ['C44', 'C49', 'C77'], morphology: ['9140/3'], rare: true, family: 'sarcoma', tier1: 'kaposi_sarcoma', domain: 'sarcoma', source: from('Kaposi sarcoma', 'sarcoma') },
  {
    id: 'bone_sarcoma',
    topography: ['C40', 'C41'],
    morphology: ['9180/3', '9220/3', '9243/3', '9260/3', '9370/3'],
    rare: true, family: 'sarcoma', tier1: 'bone_sarcoma', domain: 'sarcoma',
    source: from('bone sarcomas (osteosarcoma, chondrosarcoma, Ewing sarcoma, chordoma)', 'sarcoma'),
  },
  {
    id: 'soft_tissue_sarcoma',
    topography: ['C47', 'C48', 'C49'],
    morphology: ['8800/3', '8811/3', '8815/3', '8830/3', '8850/3', '8852/3', '8858/3', '8890/3', '8900/3', '8910/3', '8920/3', '9040/3', '9044/3', '9120/3', '9540/3', '9581/3'],
    rare: true, family: 'sarcoma', tier1: 'soft_tissue_sarcoma', domain: 'sarcoma',
    source: from('soft tissue sarcomas of limbs, trunk, retroperitoneum and peripheral nerves', 'sarcoma'),
  },

  // Rare female genital (G2)
  { id: 'uterine_carcinosarcoma', topography: ['C54', 'C55'], morphology: ['8980/3'], rare: true, family: 'female_genital', tier1: 'uterine_carcinosarcoma', domain: 'gynaecological', source: from('mixed epithelial and mesenchymal tumours of uterus', 'gynaecological') },
  { id: 'vulva_vagina_scc', topography: ['C51', 'C52'], morphology: ['8070/3', '8071/3', '8072/3', '8542/3'], rare: true, family: 'female_genital', tier1: 'vulva_vagina_epithelial', domain: 'gynaecological', source: from('epithelial tumours of vulva and vagina', 'gynaecological') },
  { id: 'vulva_vagina_melanoma', topography: ['C51', 'C52'], morphology: ['8720/3'], rare: true, family: 'skin_melanoma', tier1: 'mucosal_melanoma', domain: 'skin_melanoma', alsoDomains: ['gynaecological'], source: from('mucosal melanoma (vulva, vagina)', 'skin_melanoma') },
  { id: 'ovary_non_epithelial', topography: ['C56'], morphology: ['8620/3', '9060/3', '9071/3', '9085/3'], rare: true, family: 'female_genital', tier1: 'ovary_non_epithelial', domain: 'gynaecological', source: from('non-epithelial tumours of ovary (sex cord-stromal, germ cell)', 'gynaecological') },
  { id: 'gestational_trophoblastic', topography: ['C58'], morphology: ['9100/3', '9105/3'], rare: true, family: 'female_genital', tier1: 'gestational_trophoblastic', domain: 'gynaecological', source: from('gestational trophoblastic tumours', 'gynaecological') },

  // Rare urological and male genital (G3)
  { id: 'testis_germ_cell', topography: ['C62'], morphology: ['9061/3', '9065/3', '9070/3', '9071/3', '9085/3'], rare: true, family: 'male_urogenital', tier1: 'testis_germ_cell', domain: 'urological', source: from('germ cell tumours of testis', 'urological') },
  { id: 'extragonadal_germ_cell', topography: ['C38', 'C48'], morphology: ['9061/3', '9065/3', '9070/3', '9071/3', '9085/3'], rare: true, family: 'male_urogenital', tier1: 'extragonadal_germ_cell', domain: 'urological', alsoDomains: ['thoracic'], source: from('extragonadal germ cell tumours', 'urological') },
  { id: 'penis_scc', topography: ['C60'], morphology: ['8070/3', '8071/3'], rare: true, family: 'male_urogenital', tier1: 'penis_epithelial', domain: 'urological', source: from('epithelial tumours of penis', 'urological') },
  { id: 'upper_urinary_tract', topography: ['C65', 'C66', 'C68.0'], morphology: ['8120/3', '8070/3'], rare: true, family: 'male_urogenital', tier1: 'renal_pelvis_ureter_urethra_epithelial', domain: 'urological', source: from('epithelial tumours of renal pelvis, ureter and urethra', 'urological') },

  // Neuroendocrine (G4)
  { id: 'merkel_cell', topography: ['C44'], morphology: ['8247/3'], rare: true, family: 'neuroendocrine', tier1: 'skin_neuroendocrine', domain: 'skin_melanoma', source: from('neuroendocrine carcinoma of skin (Merkel cell)', 'skin_melanoma', 'EURACAN G9 treats Merkel cell carcinoma') },
  { id: 'pancreas_net', topography: ['C25'], morphology: ['8150/3', '8151/3', '8153/3', '8240/3', '8249/3', '8246/3', '8244/3'], rare: true, family: 'neuroendocrine', tier1: 'pancreas_neuroendocrine', domain: 'neuroendocrine', source: from('neuroendocrine tumours of pancreas', 'neuroendocrine') },
  { id: 'lung_net', topography: ['C34'], morphology: ['8240/3', '8249/3', '8013/3'], rare: true, family: 'neuroendocrine', tier1: 'lung_neuroendocrine', domain: 'neuroendocrine', alsoDomains: ['thoracic'], source: from('well-differentiated neuroendocrine tumours of lung and large cell neuroendocrine carcinoma', 'neuroendocrine') },
  { id: 'small_intestine_net', topography: ['C17'], morphology: ['8240/3', '8249/3', '8246/3', '8244/3'], rare: true, family: 'neuroendocrine', tier1: 'small_intestine_neuroendocrine', domain: 'neuroendocrine', source: from('neuroendocrine tumours of small intestine', 'neuroendocrine') },
  { id: 'digestive_net', topography: GI, morphology: ['8240/3', '8249/3', '8246/3', '8244/3'], rare: true, family: 'neuroendocrine', tier1: 'digestive_neuroendocrine', domain: 'neuroendocrine', source: from('neuroendocrine tumours of other digestive sites (stomach, appendix, colon, rectum)', 'neuroendocrine') },

  // Rare digestive (G5)
  { id: 'small_intestine_adenocarcinoma', topography: ['C17'], morphology: ['8140/3'], rare: true, family: 'digestive', tier1: 'small_intestine_epithelial', domain: 'digestive', source: from('epithelial tumours of small intestine', 'digestive') },
  { id: 'anal_canal_scc', topography: ['C21'], morphology: ['8070/3', '8071/3', '8072/3', '8140/3'], rare: true, family: 'digestive', tier1: 'anal_canal_epithelial', domain: 'digestive', source: from('epithelial tumours of anal canal', 'digestive') },
  { id: 'biliary_tract', topography: ['C22.1', 'C23', 'C24'], morphology: ['8160/3', '8140/3'], rare: true, family: 'digestive', tier1: 'biliary_tract_epithelial', domain: 'digestive', source: from('epithelial tumours of gallbladder and extrahepatic biliary tract; intrahepatic cholangiocarcinoma', 'digestive') },
  { id: 'peritoneal_mesothelioma', topography: ['C48'], morphology: ['9050/3', '9052/3'], rare: true, family: 'thoracic', tier1: 'peritoneal_mesothelioma', domain: 'digestive', source: from('mesothelioma of peritoneum', 'digestive', 'EURACAN G5 covers peritoneal malignancies') },

  // Endocrine organs (G6)
  { id: 'thyroid', topography: ['C73'], morphology: ['8260/3', '8290/3', '8330/3', '8345/3', '8020/3', '8021/3'], rare: true, family: 'endocrine', tier1: 'thyroid', domain: 'endocrine', source: from('carcinoma of thyroid gland (papillary, follicular, medullary, anaplastic)', 'endocrine') },
  { id: 'adrenal_cortex', topography: ['C74'], morphology: ['8370/3'], rare: true, family: 'endocrine', tier1: 'adrenal_cortex', domain: 'endocrine', source: from('adrenocortical carcinoma', 'endocrine') },
  { id: 'pheochromocytoma_paraganglioma', topography: ['C74', 'C75', 'C48'], morphology: ['8700/3', '8680/3', '8693/3'], rare: true, family: 'endocrine', tier1: 'pheo_paraganglioma', domain: 'endocrine', alsoDomains: ['neuroendocrine'], source: from('malignant pheochromocytoma and paraganglioma', 'endocrine') },
  { id: 'parathyroid', topography: ['C75.0'], morphology: ['8140/3'], rare: true, family: 'endocrine', tier1: 'parathyroid', domain: 'endocrine', source: from('carcinoma of parathyroid gland', 'endocrine') },

  // Rare head and neck (G7)
  { id: 'nasopharynx', topography: ['C11'], morphology: ['8070/3', '8071/3', '8072/3', '8082/3', '8020/3'], rare: true, family: 'head_neck', tier1: 'nasopharynx_epithelial', domain: 'head_neck', source: from('epithelial tumours of nasopharynx', 'head_neck') },
  { id: 'salivary_glands', topography: ['C07', 'C08'], morphology: ['8200/3', '8430/3', '8550/3', '8140/3'], rare: true, family: 'head_neck', tier1: 'salivary_epithelial', domain: 'head_neck', source: from('epithelial tumours of major salivary glands', 'head_neck') },
  { id: 'sinonasal', topography: ['C30', 'C31'], morphology: ['8070/3', '8200/3', '8140/3', '9522/3'], rare: true, family: 'head_neck', tier1: 'sinonasal_epithelial', domain: 'head_neck', source: from('epithelial tumours of nasal cavity and sinuses; olfactory neuroblastoma', 'head_neck') },

  // Rare thoracic (G8)
  { id: 'thymic_epithelial', topography: ['C37', 'C38.1', 'C38.3'], morphology: ['8580/3', '8581/3', '8582/3', '8583/3', '8584/3', '8585/3', '8586/3'], rare: true, family: 'thoracic', tier1: 'thymic_epithelial', domain: 'thoracic', source: from('epithelial tumours of thymus (thymoma, thymic carcinoma)', 'thoracic') },
  { id: 'pleural_mesothelioma', topography: ['C38.4'], morphology: ['9050/3', '9052/3'], rare: true, family: 'thoracic', tier1: 'pleural_mesothelioma', domain: 'thoracic', source: from('mesothelioma of pleura', 'thoracic') },

  // Skin and non-cutaneous melanoma (G9)
  { id: 'uveal_melanoma', topography: ['C69'], morphology: ['8720/3', '8770/3', '8771/3', '8772/3'], rare: true, family: 'skin_melanoma', tier1: 'eye_melanoma', domain: 'skin_melanoma', source: from('melanoma of uvea and conjunctiva', 'skin_melanoma') },
  { id: 'mucosal_melanoma', topography: ['C00', 'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C11', 'C21', 'C30', 'C31'], morphology: ['8720/3'], rare: true, family: 'skin_melanoma', tier1: 'mucosal_melanoma', domain: 'skin_melanoma', source: from('mucosal melanoma', 'skin_melanoma') },
  { id: 'skin_adnexal', topography: ['C44'], morphology: ['8390/3', '8400/3', '8542/3'], rare: true, family: 'skin_melanoma', tier1: 'skin_adnexal', domain: 'skin_melanoma', source: from('adnexal carcinoma of skin; extramammary Paget disease', 'skin_melanoma') },

  // Brain and spinal cord (G10)
  { id: 'spinal_cord', topography: ['C72.0', 'C72.1', 'C70.1'], morphology: ['9380/3', '9391/3', '9400/3', '9401/3', '9440/3', '9530/3'], rare: true, family: 'cns', tier1: 'spinal_cord', domain: 'brain_spinal', source: from('tumours of spinal cord, cauda equina and spinal meninges', 'brain_spinal') },
  { id: 'glial', topography: ['C71', 'C72'], morphology: ['9380/3', '9391/3', '9400/3', '9401/3', '9440/3', '9450/3'], rare: true, family: 'cns', tier1: 'glial', domain: 'brain_spinal', source: from('glial tumours of brain', 'brain_spinal') },
  { id: 'cns_embryonal', topography: ['C71'], morphology: ['9470/3'], rare: true, family: 'cns', tier1: 'cns_embryonal', domain: 'brain_spinal', source: from('embryonal tumours of central nervous system (medulloblastoma)', 'brain_spinal') },
  { id: 'malignant_meningioma', topography: ['C70'], morphology: ['9530/3'], rare: true, family: 'cns', tier1: 'malignant_meningioma', domain: 'brain_spinal', source: from('malignant meningioma', 'brain_spinal') },

  // Embryonal tumours (outside EURACAN: ERN PaedCan; the navigator picks the board)
  { id: 'neuroblastoma', topography: ['C47', 'C48', 'C74'], morphology: ['9500/3'], rare: true, family: 'embryonal', tier1: 'neuroblastoma', domain: null, source: from('neuroblastoma and ganglioneuroblastoma', null) },
  { id: 'nephroblastoma', topography: ['C64'], morphology: ['8960/3'], rare: true, family: 'embryonal', tier1: 'nephroblastoma', domain: null, source: from('nephroblastoma', null) },
  { id: 'retinoblastoma', topography: ['C69'], morphology: ['9510/3'], rare: true, family: 'embryonal', tier1: 'retinoblastoma', domain: null, source: from('retinoblastoma', null) },
  { id: 'hepatoblastoma', topography: ['C22.0'], morphology: ['8970/3'], rare: true, family: 'embryonal', tier1: 'hepatoblastoma', domain: null, source: from('hepatoblastoma', null) },
  { id: 'pleuropulmonary_blastoma', topography: ['C34', 'C38'], morphology: ['8973/3'], rare: true, family: 'embryonal', tier1: 'pulmonary_blastoma', domain: null, source: from('pleuropulmonary and pulmonary blastoma', null) },

  // Rare haematological (outside EURACAN: ERN EuroBloodNet; the navigator picks the board)
  { id: 'hodgkin_lymphoma', topography: ['C77'], morphology: ['9650/3'], rare: true, family: 'haematological', tier1: 'hodgkin_lymphoma', domain: null, source: from('Hodgkin lymphoma', null) },
  { id: 'cutaneous_lymphoma', topography: ['C44'], morphology: ['9700/3'], rare: true, family: 'haematological', tier1: 'mature_t_nk_lymphoma', domain: null, source: from('mature T and NK cell neoplasms (mycosis fungoides)', null) },
  { id: 'plasma_cell', topography: ['C42'], morphology: ['9732/3'], rare: true, family: 'haematological', tier1: 'plasma_cell_neoplasm', domain: null, source: from('plasma cell neoplasms', null) },
  { id: 'acute_myeloid_leukaemia', topography: ['C42'], morphology: ['9861/3'], rare: true, family: 'haematological', tier1: 'acute_myeloid_leukaemia', domain: null, source: from('acute myeloid leukaemia', null) },
];
