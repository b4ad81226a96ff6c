-- Network directory (issue 7): the foundation's `sites` table stays as it is; what the directory adds
-- lives in side tables keyed by site id, so no other domain's queries change.
create table directory_sites (
  site_id uuid primary key references sites(id),
  -- EURACAN domain codes (g1..g10), see src/referrals/data/euracan.ts
  domains text[] not null default '{}',
  telemedicine boolean not null default false,
  languages text[] not null default '{}',
  contact_name text,
  contact_email text,
  contact_phone text,
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create index directory_sites_domains_idx on directory_sites using gin (domains);
--> statement-breakpoint
-- Staff who act for a site in the network (the receiving specialists of its referrals).
create table directory_site_members (
  site_id uuid not null references sites(id),
  user_id uuid not null references users(id),
  role text not null check (role in ('specialist', 'coordinator')),
  added_at timestamptz not null default now(),
  primary key (site_id, user_id)
);
--> statement-breakpoint
create index directory_site_members_user_idx on directory_site_members (user_id);
--> statement-breakpoint
create table referrals (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  patient_id uuid not null references patients(user_id),
  type text not null check (type in ('second_opinion', 'specialist_consultation', 'palliative_care', 'case_review')),
  state text not null check (state in ('draft', 'sent', 'accepted', 'declined', 'scheduled', 'completed', 'cancelled')),
  from_site_id uuid references sites(id),
  to_site_id uuid not null references sites(id),
  domain text,
  icdo_topography text,
  icdo_morphology text,
  question text not null default '',
  created_by uuid not null references users(id),
  navigator_id uuid not null references users(id),
  decline_reason text,
  cancel_reason text,
  incomplete_reason text,
  sent_at timestamptz,
  deadline_at timestamptz,
  responded_at timestamptz,
  scheduled_for timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  overdue_alert_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create index referrals_patient_idx on referrals (patient_id);
--> statement-breakpoint
create index referrals_to_site_idx on referrals (to_site_id, state);
--> statement-breakpoint
create index referrals_navigator_idx on referrals (navigator_id, state);
--> statement-breakpoint
create table referral_events (
  id uuid primary key,
  referral_id uuid not null references referrals(id),
  from_state text,
  to_state text not null,
  actor text not null,
  reason text,
  at timestamptz not null default now()
);
--> statement-breakpoint
create index referral_events_referral_idx on referral_events (referral_id, at);
--> statement-breakpoint
create table referral_packet_items (
  id uuid primary key,
  referral_id uuid not null references referrals(id),
  kind text not null check (kind in ('pathology', 'imaging', 'lab', 'prior_therapy', 'clinical_summary', 'other')),
  source text not null check (source in ('attachment', 'navigator')),
  attachment_id uuid,
  title text not null,
  body text,
  document_date date,
  added_by uuid not null references users(id),
  added_at timestamptz not null default now(),
  removed_at timestamptz
);
--> statement-breakpoint
create index referral_packet_items_referral_idx on referral_packet_items (referral_id) where removed_at is null;
--> statement-breakpoint
create table referral_consents (
  id uuid primary key,
  referral_id uuid not null references referrals(id),
  patient_id uuid not null references patients(user_id),
  method text not null check (method in ('in_app', 'verbal', 'written')),
  recorded_by uuid not null references users(id),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users(id)
);
--> statement-breakpoint
create unique index referral_consents_active_key on referral_consents (referral_id) where revoked_at is null;
--> statement-breakpoint
-- Per-organization overrides of the response deadline per referral type (defaults in src/referrals/deadlines.ts).
create table referral_deadline_rules (
  org_id uuid not null references organizations(id),
  type text not null check (type in ('second_opinion', 'specialist_consultation', 'palliative_care', 'case_review')),
  working_days integer not null check (working_days between 1 and 60),
  reminder_days integer[] not null default '{}',
  set_by uuid not null references users(id),
  set_at timestamptz not null default now(),
  primary key (org_id, type)
);
--> statement-breakpoint
create table case_reviews (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  site_id uuid not null references sites(id),
  domain text,
  title text not null,
  starts_at timestamptz not null,
  duration_minutes integer not null default 60,
  status text not null check (status in ('scheduled', 'live', 'completed', 'cancelled')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table case_review_participants (
  case_review_id uuid not null references case_reviews(id),
  user_id uuid not null references users(id),
  role text not null check (role in ('host', 'participant')),
  primary key (case_review_id, user_id)
);
--> statement-breakpoint
create index case_review_participants_user_idx on case_review_participants (user_id);
--> statement-breakpoint
create table case_review_items (
  case_review_id uuid not null references case_reviews(id),
  referral_id uuid not null references referrals(id),
  position integer not null,
  primary key (case_review_id, referral_id)
);
--> statement-breakpoint
create table referral_recommendations (
  id uuid primary key,
  referral_id uuid not null unique references referrals(id),
  case_review_id uuid references case_reviews(id),
  diagnosis text not null check (diagnosis in ('confirmed', 'revised')),
  revised_topography text,
  revised_morphology text,
  treatment text[] not null,
  treatment_detail text not null default '',
  trials jsonb not null default '[]',
  follow_up jsonb not null,
  note_for_patient text,
  note_language text,
  authored_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
