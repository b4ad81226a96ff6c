-- Password reset links: only a hash of the token is stored; a link works once and for 30 minutes.
create table password_resets (
  id uuid primary key,
  user_id uuid not null references users(id),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index password_resets_user on password_resets (user_id);
--> statement-breakpoint
-- One TOTP secret per user, encrypted with a key derived from SESSION_SECRET; last_step refuses a replayed code.
create table mfa_totp (
  user_id uuid primary key references users(id),
  secret_enc text not null,
  last_step bigint not null default 0,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table mfa_recovery_codes (
  id uuid primary key,
  user_id uuid not null references users(id),
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index mfa_recovery_codes_user on mfa_recovery_codes (user_id);
--> statement-breakpoint
create table passkeys (
  id text primary key,
  user_id uuid not null references users(id),
  public_key text not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
--> statement-breakpoint
create index passkeys_user on passkeys (user_id);
--> statement-breakpoint
-- Absent row: staff enrolment is required when the server runs with NODE_ENV=production.
create table auth_org_settings (
  org_id uuid primary key references organizations(id),
  require_staff_mfa boolean not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);
