-- ICD-O-3 codes entered by hand because the shipped table lacks them: the administrator's list of
-- codes to add (docs/decisions/0504). Codes only, no patient or referral: not PHI.
CREATE TABLE referral_coding_gaps (
  org_id uuid NOT NULL,
  topography text NOT NULL,
  morphology text NOT NULL,
  seen_count integer NOT NULL DEFAULT 1,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, topography, morphology)
);
