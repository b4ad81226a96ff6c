/**
 * A representative subset of ICD-O-3 codes for the diagnosis picker (not the whole classification).
 *
 * Source: WHO, International Classification of Diseases for Oncology, 3rd edition (ICD-O-3, 2000, and
 * its first revision ICD-O-3.1, 2013): topography codes C00.0-C80.9 and morphology codes with the
 * behaviour digit (/3 = malignant, primary site). Terms are the classification's English terms, lightly
 * shortened; the subset covers the entities the routing table in rarecare.ts maps, plus a few common
 * codes so the picker can show that a common cancer is not routed. Scope and review: docs/decisions/0500.
 * Every code here was checked by hand against ICD-O-3; add codes only from the classification itself.
 */
export interface IcdoEntry {
  code: string;
  term: string;
}

export const ICDO3_VERSION = 'ICD-O-3.1 (2013), subset';

export const TOPOGRAPHY: readonly IcdoEntry[] = [
  { code: 'C01.9', term: 'Base of tongue, NOS' },
  { code: 'C07.9', term: 'Parotid gland' },
  { code: 'C08.9', term: 'Major salivary gland, NOS' },
  { code: 'C11.9', term: 'Nasopharynx, NOS' },
  { code: 'C15.9', term: 'Esophagus, NOS' },
  { code: 'C16.9', term: 'Stomach, NOS' },
  { code: 'C17.0', term: 'Duodenum' },
  { code: 'C17.9', term: 'Small intestine, NOS' },
  { code: 'C18.9', term: 'Colon, NOS' },
  { code: 'C21.1', term: 'Anal canal' },
  { code: 'C22.1', term: 'Intrahepatic bile duct' },
  { code: 'C23.9', term: 'Gallbladder' },
  { code: 'C24.0', term: 'Extrahepatic bile duct' },
  { code: 'C25.9', term: 'Pancreas, NOS' },
  { code: 'C30.0', term: 'Nasal cavity' },
  { code: 'C31.0', term: 'Maxillary sinus' },
  { code: 'C34.9', term: 'Lung, NOS' },
  { code: 'C37.9', term: 'Thymus' },
  { code: 'C38.4', term: 'Pleura, NOS' },
  { code: 'C40.2', term: 'Long bones of lower limb and associated joints' },
  { code: 'C41.2', term: 'Vertebral column' },
  { code: 'C41.4', term: 'Pelvic bones, sacrum, coccyx and associated joints' },
  { code: 'C44.5', term: 'Skin of trunk' },
  { code: 'C44.9', term: 'Skin, NOS' },
  { code: 'C48.0', term: 'Retroperitoneum' },
  { code: 'C49.2', term: 'Connective, subcutaneous and other soft tissues of lower limb and hip' },
  { code: 'C49.4', term: 'Connective, subcutaneous and other soft tissues of abdomen' },
  { code: 'C49.9', term: 'Connective, subcutaneous and other soft tissues, NOS' },
  { code: 'C50.9', term: 'Breast, NOS' },
  { code: 'C51.9', term: 'Vulva, NOS' },
  { code: 'C52.9', term: 'Vagina, NOS' },
  { code: 'C54.1', term: 'Endometrium' },
  { code: 'C54.2', term: 'Myometrium' },
  { code: 'C56.9', term: 'Ovary' },
  { code: 'C58.9', term: 'Placenta' },
  { code: 'C60.9', term: 'Penis, NOS' },
  { code: 'C62.9', term: 'Testis, NOS' },
  { code: 'C65.9', term: 'Renal pelvis' },
  { code: 'C66.9', term: 'Ureter' },
  { code: 'C69.0', term: 'Conjunctiva' },
  { code: 'C69.3', term: 'Choroid' },
  { code: 'C69.4', term: 'Ciliary body' },
  { code: 'C70.0', term: 'Cerebral meninges' },
  { code: 'C71.9', term: 'Brain, NOS' },
  { code: 'C72.0', term: 'Spinal cord' },
  { code: 'C73.9', term: 'Thyroid gland' },
  { code: 'C74.0', term: 'Cortex of adrenal gland' },
  { code: 'C74.1', term: 'Medulla of adrenal gland' },
  { code: 'C75.0', term: 'Parathyroid gland' },
];

export const MORPHOLOGY: readonly IcdoEntry[] = [
  { code: '8020/3', term: 'Carcinoma, undifferentiated, NOS' },
  { code: '8021/3', term: 'Carcinoma, anaplastic, NOS' },
  { code: '8070/3', term: 'Squamous cell carcinoma, NOS' },
  { code: '8082/3', term: 'Lymphoepithelial carcinoma' },
  { code: '8120/3', term: 'Transitional cell carcinoma, NOS' },
  { code: '8140/3', term: 'Adenocarcinoma, NOS' },
  { code: '8150/3', term: 'Pancreatic endocrine tumor, malignant' },
  { code: '8160/3', term: 'Cholangiocarcinoma' },
  { code: '8200/3', term: 'Adenoid cystic carcinoma' },
  { code: '8240/3', term: 'Carcinoid tumor, NOS' },
  { code: '8246/3', term: 'Neuroendocrine carcinoma, NOS' },
  { code: '8247/3', term: 'Merkel cell carcinoma' },
  { code: '8249/3', term: 'Atypical carcinoid tumor' },
  { code: '8260/3', term: 'Papillary adenocarcinoma, NOS' },
  { code: '8330/3', term: 'Follicular adenocarcinoma, NOS' },
  { code: '8345/3', term: 'Medullary carcinoma with amyloid stroma' },
  { code: '8370/3', term: 'Adrenal cortical carcinoma' },
  { code: '8430/3', term: 'Mucoepidermoid carcinoma' },
  { code: '8500/3', term: 'Infiltrating duct carcinoma, NOS' },
  { code: '8580/3', term: 'Thymoma, malignant, NOS' },
  { code: '8586/3', term: 'Thymic carcinoma, NOS' },
  { code: '8620/3', term: 'Granulosa cell tumor, malignant' },
  { code: '8680/3', term: 'Paraganglioma, malignant' },
  { code: '8700/3', term: 'Pheochromocytoma, malignant' },
  { code: '8720/3', term: 'Malignant melanoma, NOS' },
  { code: '8744/3', term: 'Acral lentiginous melanoma, malignant' },
  { code: '8815/3', term: 'Solitary fibrous tumor, malignant' },
  { code: '8850/3', term: 'Liposarcoma, NOS' },
  { code: '8852/3', term: 'Myxoid liposarcoma' },
  { code: '8858/3', term: 'Dedifferentiated liposarcoma' },
  { code: '8890/3', term: 'Leiomyosarcoma, NOS' },
  { code: '8900/3', term: 'Rhabdomyosarcoma, NOS' },
  { code: '8930/3', term: 'Endometrial stromal sarcoma, NOS' },
  { code: '8936/3', term: 'Gastrointestinal stromal sarcoma' },
  { code: '8980/3', term: 'Carcinosarcoma, NOS' },
  { code: '9040/3', term: 'Synovial sarcoma, NOS' },
  { code: '9050/3', term: 'Mesothelioma, malignant' },
  { code: '9052/3', term: 'Epithelioid mesothelioma, malignant' },
  { code: '9060/3', term: 'Dysgerminoma' },
  { code: '9061/3', term: 'Seminoma, NOS' },
  { code: '9065/3', term: 'Germ cell tumor, nonseminomatous' },
  { code: '9070/3', term: 'Embryonal carcinoma, NOS' },
  { code: '9100/3', term: 'Choriocarcinoma, NOS' },
  { code: '9120/3', term: 'Hemangiosarcoma' },
  { code: '9180/3', term: 'Osteosarcoma, NOS' },
  { code: '9220/3', term: 'Chondrosarcoma, NOS' },
  { code: '9260/3', term: 'Ewing sarcoma' },
  { code: '9370/3', term: 'Chordoma, NOS' },
  { code: '9391/3', term: 'Ependymoma, NOS' },
  { code: '9400/3', term: 'Astrocytoma, NOS' },
  { code: '9440/3', term: 'Glioblastoma, NOS' },
  { code: '9450/3', term: 'Oligodendroglioma, NOS' },
  { code: '9530/3', term: 'Meningioma, malignant' },
];

const byCode = (list: readonly IcdoEntry[]) => new Map(list.map((e) => [e.code, e]));
export const TOPOGRAPHY_BY_CODE = byCode(TOPOGRAPHY);
export const MORPHOLOGY_BY_CODE = byCode(MORPHOLOGY);
