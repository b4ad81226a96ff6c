create table organizations (
  id uuid primary key,
  name text not null,
  timezone text not null,
  -- {"days":[1,2,3,4,5],"start":"09:00","end":"17:00"} in the organization's time zone
  working_hours jsonb not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table sites (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  name text not null,
  kind text not null check (kind in ('reference_centre', 'partner_hospital')),
  city text not null,
  timezone text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table users (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  email text not null,
  name text not null,
  role text not null check (role in ('patient', 'caregiver', 'navigator', 'specialist', 'admin')),
  locale text not null default 'en',
  timezone text not null default 'UTC',
  password_hash text,
  is_clinical_lead boolean not null default false,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index users_email_key on users (lower(email));
--> statement-breakpoint
create table patients (
  user_id uuid primary key references users(id),
  site_id uuid references sites(id),
  navigator_id uuid references users(id),
  date_of_birth date,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index patients_navigator_idx on patients (navigator_id);
--> statement-breakpoint
create table care_team_members (
  patient_id uuid not null references patients(user_id),
  user_id uuid not null references users(id),
  role text not null check (role in ('navigator', 'specialist', 'interpreter')),
  added_by uuid references users(id),
  added_at timestamptz not null default now(),
  removed_at timestamptz
);
--> statement-breakpoint
create unique index care_team_active_key on care_team_members (patient_id, user_id) where removed_at is null;
--> statement-breakpoint
create index care_team_user_idx on care_team_members (user_id) where removed_at is null;
--> statement-breakpoint
create table caregiver_grants (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  caregiver_id uuid not null references users(id),
  scopes text[] not null,
  granted_at timestamptz not null default now(),
  revoked_at timestamptz
);
--> statement-breakpoint
create unique index caregiver_grants_active_key on caregiver_grants (patient_id, caregiver_id) where revoked_at is null;
--> statement-breakpoint
create table invitations (
  id uuid primary key,
  token_hash text not null unique,
  org_id uuid not null references organizations(id),
  email text not null,
  name text not null,
  role text not null check (role in ('patient', 'caregiver', 'navigator', 'specialist', 'admin')),
  locale text not null default 'en',
  patient_id uuid references patients(user_id),
  navigator_id uuid references users(id),
  created_by uuid not null references users(id),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table break_glass_grants (
  id uuid primary key,
  user_id uuid not null references users(id),
  patient_id uuid not null references patients(user_id),
  reason text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table idempotency_keys (
  key text not null,
  actor_id uuid not null,
  route text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (actor_id, route, key)
);
--> statement-breakpoint
create table audit_log (
  seq bigserial primary key,
  at timestamptz not null,
  actor text not null,
  actor_role text,
  action text not null,
  target_type text,
  target_id text,
  patient_id uuid,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  request_id text,
  emergency boolean not null default false,
  details jsonb,
  prev_hash text not null,
  hash text not null
);
--> statement-breakpoint
create index audit_log_patient_idx on audit_log (patient_id, seq);
--> statement-breakpoint
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
--> statement-breakpoint
create trigger audit_log_no_update before update or delete or truncate on audit_log
  for each statement execute function audit_log_append_only();
