import { describe, expect, it } from 'vitest';
import { EURACAN_DOMAINS } from '../../../src/contracts/referrals.ts';
import { mapDiagnosis, searchCodes } from '../../../src/referrals/coding.ts';
import { MORPHOLOGY, MORPHOLOGY_BY_CODE, TOPOGRAPHY, TOPOGRAPHY_BY_CODE } from '../../../src/referrals/data/icdo3.ts';
import { RARECARE_FAMILIES, ROUTING_RULES } from '../../../src/referrals/data/rarecare.ts';

describe('ICD-O-3 -> RARECARE -> EURACAN routing table: worked examples', () => {
  const examples: Array<[string, string, string | null, string | null, string | null, boolean | null]> = [
    // topography, morphology, expected rule, family, domain, rare
    ['C49.2', '8890/3', 'soft_tissue_sarcoma', 'sarcoma', 'sarcoma', true], // leiomyosarcoma of the thigh
    ['C48.0', '8858/3', 'soft_tissue_sarcoma', 'sarcoma', 'sarcoma', true], // retroperitoneal dedifferentiated liposarcoma
    ['C16.9', '8936/3', 'gist', 'sarcoma', 'sarcoma', true], // gastric GIST
    ['C41.2', '9370/3', 'bone_sarcoma', 'sarcoma', 'sarcoma', true], // chordoma of the spine
    ['C54.2', '8890/3', 'uterine_sarcoma', 'sarcoma', 'sarcoma', true], // uterine leiomyosarcoma: not the soft-tissue rule
    ['C58.9', '9100/3', 'gestational_trophoblastic', 'female_genital', 'gynaecological', true],
    ['C62.9', '9061/3', 'testis_germ_cell', 'male_urogenital', 'urological', true],
    ['C25.9', '8150/3', 'pancreas_net', 'neuroendocrine', 'neuroendocrine', true],
    ['C17.0', '8240/3', 'small_intestine_net', 'neuroendocrine', 'neuroendocrine', true], // duodenal carcinoid: NET before adenocarcinoma
    ['C16.2', '8936/3', 'gist', 'sarcoma', 'sarcoma', true], // GIST of the body of the stomach (issue 13)
    ['C17.1', '8240/3', 'small_intestine_net', 'neuroendocrine', 'neuroendocrine', true], // jejunal NET (issue 13)
    ['C18.1', '8240/3', 'digestive_net', 'neuroendocrine', 'neuroendocrine', true], // appendiceal NET
    ['C25.4', '8151/3', 'pancreas_net', 'neuroendocrine', 'neuroendocrine', true], // malignant insulinoma
    ['C37.9', '8584/3', 'thymic_epithelial', 'thoracic', 'thoracic', true], // thymoma B2
    ['C69.4', '8770/3', 'uveal_melanoma', 'skin_melanoma', 'skin_melanoma', true], // ciliary body melanoma
    ['C11.2', '8072/3', 'nasopharynx', 'head_neck', 'head_neck', true],
    ['C08.0', '8550/3', 'salivary_glands', 'head_neck', 'head_neck', true], // acinic cell carcinoma, submandibular
    ['C21.1', '8070/3', 'anal_canal_scc', 'digestive', 'digestive', true],
    ['C51.0', '8070/3', 'vulva_vagina_scc', 'female_genital', 'gynaecological', true],
    ['C58.9', '9105/3', 'gestational_trophoblastic', 'female_genital', 'gynaecological', true], // epithelioid trophoblastic tumour
    ['C40.2', '9180/3', 'bone_sarcoma', 'sarcoma', 'sarcoma', true], // osteosarcoma of the femur
    ['C72.0', '9391/3', 'spinal_cord', 'cns', 'brain_spinal', true], // spinal ependymoma
    ['C64.9', '8960/3', 'nephroblastoma', 'embryonal', null, true], // adult Wilms: rare, board chosen by hand
    ['C77.9', '9650/3', 'hodgkin_lymphoma', 'haematological', null, true],
    ['C17.9', '8140/3', 'small_intestine_adenocarcinoma', 'digestive', 'digestive', true],
    ['C73.9', '8345/3', 'thyroid', 'endocrine', 'endocrine', true], // medullary thyroid carcinoma
    ['C74.0', '8370/3', 'adrenal_cortex', 'endocrine', 'endocrine', true],
    ['C11.9', '8082/3', 'nasopharynx', 'head_neck', 'head_neck', true],
    ['C07.9', '8200/3', 'salivary_glands', 'head_neck', 'head_neck', true],
    ['C37.9', '8586/3', 'thymic_epithelial', 'thoracic', 'thoracic', true],
    ['C38.4', '9052/3', 'pleural_mesothelioma', 'thoracic', 'thoracic', true],
    ['C69.3', '8720/3', 'uveal_melanoma', 'skin_melanoma', 'skin_melanoma', true], // choroidal melanoma
    ['C44.9', '8247/3', 'merkel_cell', 'neuroendocrine', 'skin_melanoma', true],
    ['C71.9', '9440/3', 'glial', 'cns', 'brain_spinal', true],
    // Common cancers: coded, not routed.
    ['C44.5', '8720/3', 'common_cutaneous_melanoma', null, null, false],
    ['C50.9', '8500/3', 'common_breast_carcinoma', null, null, false],
    // Known codes with no rule: unmapped, not guessed.
    ['C34.9', '8070/3', null, null, null, null],
  ];
  for (const [t, m, rule, family, domain, rare] of examples) {
    it(`${t} + ${m} -> ${rule ?? 'no rule'}`, () => {
      const r = mapDiagnosis(t, m);
      expect(r).not.toBeNull();
      expect({ rule: r!.ruleId, family: r!.family, domain: r!.domain, rare: r!.rare }).toEqual({ rule, family, domain, rare });
    });
  }

  it('codes outside the shipped table map to null', () => {
    expect(mapDiagnosis('C49.2', '8891/3')).toBeNull();
    expect(mapDiagnosis('C99.9', '8890/3')).toBeNull();
  });
});

describe('the shipped tables are consistent', () => {
  it('codes are well formed and unique', () => {
    for (const e of TOPOGRAPHY) expect(e.code).toMatch(/^C\d{2}\.\d$/);
    for (const e of MORPHOLOGY) expect(e.code).toMatch(/^\d{4}\/3$/);
    expect(TOPOGRAPHY_BY_CODE.size).toBe(TOPOGRAPHY.length);
    expect(MORPHOLOGY_BY_CODE.size).toBe(MORPHOLOGY.length);
  });

  it('every rule names shipped morphology codes, a known family and a EURACAN domain; rule ids are unique', () => {
    expect(new Set(ROUTING_RULES.map((r) => r.id)).size).toBe(ROUTING_RULES.length);
    for (const r of ROUTING_RULES) {
      for (const m of r.morphology) expect(MORPHOLOGY_BY_CODE.has(m), `${r.id}: ${m}`).toBe(true);
      for (const t of r.topography) expect(t).toMatch(/^C\d{2}(\.\d)?$/);
      expect(r.source, r.id).toMatch(r.rare ? /^RARECARE list of rare cancers .*: .+; (EURACAN G\d+|outside EURACAN)/ : /^RARECARE: incidence at or above/);
      if (r.rare) {
        expect(RARECARE_FAMILIES).toContain(r.family);
        // Only the embryonal and haematological families fall outside EURACAN's scope.
        if (r.family === 'embryonal' || r.family === 'haematological') expect(r.domain).toBeNull();
        else expect(EURACAN_DOMAINS).toContain(r.domain);
      } else expect(r.domain).toBeNull();
    }
  });

  it('every RARECARE family has rules, and every rule is reachable through shipped topography codes', () => {
    expect(new Set(ROUTING_RULES.flatMap((r) => (r.family ? [r.family] : [])))).toEqual(new Set(RARECARE_FAMILIES));
    for (const r of ROUTING_RULES) {
      const reachable = r.morphology.some((m) => TOPOGRAPHY.some((t) => mapDiagnosis(t.code, m)?.ruleId === r.id));
      expect(reachable, r.id).toBe(true);
    }
  });

  it('every EURACAN domain is reached by at least one rule', () => {
    const reached = new Set(ROUTING_RULES.flatMap((r) => (r.domain ? [r.domain] : [])));
    expect([...reached].sort()).toEqual([...EURACAN_DOMAINS].sort());
  });
});

describe('searchable picker', () => {
  it('finds by code prefix and by words of the term', () => {
    expect(searchCodes('C49').map((h) => h.code)).toEqual(['C49.0', 'C49.1', 'C49.2', 'C49.3', 'C49.4', 'C49.5', 'C49.6', 'C49.9']);
    expect(searchCodes('leiomyo').map((h) => h.code)).toEqual(['8890/3']);
    expect(searchCodes('soft tissues lower').map((h) => h.code)).toEqual(['C49.2']);
    expect(searchCodes('8890', 'topography')).toEqual([]);
    expect(searchCodes('melanoma', 'morphology').map((h) => h.code)).toEqual(['8720/3', '8744/3', '8770/3', '8771/3', '8772/3']);
  });
});
