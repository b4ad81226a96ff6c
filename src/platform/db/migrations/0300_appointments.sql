create table appointments (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  patient_id uuid not null references patients(user_id),
  kind text not null check (kind in ('in_person', 'video', 'phone')),
  title text,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  site_id uuid references sites(id),
  status text not null check (status in ('scheduled', 'confirmed', 'change_requested', 'cancelled')),
  version integer not null default 1,
  change_reason text,
  change_requested_by uuid references users(id),
  logistics jsonb not null,
  sequence integer not null default 0,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  check (ends_at > starts_at),
  check (kind <> 'in_person' or site_id is not null)
);
--> statement-breakpoint
create index appointments_patient_idx on appointments (patient_id, starts_at);
--> statement-breakpoint
create table appointment_participants (
  appointment_id uuid not null references appointments(id),
  user_id uuid not null references users(id),
  role text not null check (role in ('patient', 'navigator', 'specialist', 'interpreter', 'caregiver', 'other')),
  primary key (appointment_id, user_id)
);
--> statement-breakpoint
create index appointment_participants_user_idx on appointment_participants (user_id);
--> statement-breakpoint
create table appointment_reminders (
  job_id text primary key,
  appointment_id uuid not null references appointments(id),
  user_id uuid not null references users(id),
  offset_minutes integer not null,
  version integer not null,
  due_at timestamptz not null,
  status text not null check (status in ('pending', 'sent', 'cancelled', 'skipped')),
  sent_at timestamptz
);
--> statement-breakpoint
create index appointment_reminders_appointment_idx on appointment_reminders (appointment_id, status);
--> statement-breakpoint
create table reminder_deliveries (
  key text primary key,
  job_id text not null,
  channel text not null check (channel in ('email', 'sms', 'inapp')),
  status text not null check (status in ('sending', 'sent')),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
--> statement-breakpoint
create table reminder_settings (
  org_id uuid primary key references organizations(id),
  offsets_minutes integer[] not null,
  quiet_start text not null,
  quiet_end text not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table reminder_preferences (
  user_id uuid primary key references users(id),
  email boolean not null default true,
  inapp boolean not null default true,
  sms boolean not null default false,
  phone text,
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table treatment_plan_items (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  kind text not null check (kind in ('surgery', 'chemotherapy', 'radiotherapy', 'other')),
  label text,
  starts_at timestamptz not null,
  ends_at timestamptz,
  cycle integer,
  cycles_total integer,
  site_id uuid references sites(id),
  status text not null check (status in ('planned', 'done', 'cancelled')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index treatment_plan_items_patient_idx on treatment_plan_items (patient_id, starts_at);
--> statement-breakpoint
create table site_travel_times (
  site_a uuid not null references sites(id),
  site_b uuid not null references sites(id),
  org_id uuid not null references organizations(id),
  minutes integer not null check (minutes >= 0),
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now(),
  primary key (site_a, site_b),
  check (site_a < site_b)
);
--> statement-breakpoint
create table calendar_feeds (
  id uuid primary key,
  user_id uuid not null references users(id),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
--> statement-breakpoint
create unique index calendar_feeds_active_key on calendar_feeds (user_id) where revoked_at is null;
