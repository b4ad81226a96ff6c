-- Clinical rules as data: one versioned rule set per organization (org_id null = product defaults).
create table clinical_rule_sets (
  id uuid primary key,
  org_id uuid references organizations(id),
  version integer not null,
  rules jsonb not null,
  ladder jsonb not null,
  crisis jsonb not null,
  sources jsonb not null,
  note text not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index clinical_rule_sets_version_key on clinical_rule_sets (coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), version);
--> statement-breakpoint
create table checkin_schedules (
  patient_id uuid primary key references patients(user_id),
  frequency text not null check (frequency in ('daily', 'weekly', 'biweekly', 'monthly')),
  instruments text[] not null,
  hour integer not null check (hour between 0 and 23),
  timezone text not null,
  active boolean not null default true,
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table checkin_requests (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  occurrence text not null,
  instruments text[] not null,
  due_at timestamptz not null,
  completed_at timestamptz,
  checkin_id uuid,
  reminded_at timestamptz,
  task_raised_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index checkin_requests_occurrence_key on checkin_requests (patient_id, occurrence);
--> statement-breakpoint
create table checkins (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  submitted_by uuid not null references users(id),
  instrument text not null,
  answers jsonb not null,
  scores jsonb not null,
  rule_set_id uuid not null references clinical_rule_sets(id),
  request_id uuid references checkin_requests(id),
  submitted_at timestamptz not null default now()
);
--> statement-breakpoint
create index checkins_patient_idx on checkins (patient_id, instrument, submitted_at desc);
--> statement-breakpoint
create table alerts (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  patient_id uuid not null references patients(user_id),
  severity text not null check (severity in ('urgent', 'high', 'moderate')),
  source text not null check (source in ('checkin', 'message', 'missed_checkin', 'referral')),
  source_id text not null,
  rule_id text not null,
  rule_set_id uuid,
  reasons jsonb not null,
  status text not null check (status in ('open', 'acknowledged', 'resolved', 'snoozed')),
  assigned_to uuid references users(id),
  escalation_level integer not null default 0,
  overdue boolean not null default false,
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  acknowledged_by uuid references users(id),
  acknowledged_at timestamptz,
  resolved_by uuid references users(id),
  resolved_at timestamptz,
  resolution_action text,
  resolution_note text,
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index alerts_source_rule_key on alerts (source, source_id, rule_id);
--> statement-breakpoint
create index alerts_org_status_idx on alerts (org_id, status);
--> statement-breakpoint
create index alerts_patient_idx on alerts (patient_id, created_at desc);
--> statement-breakpoint
-- Every step of an alert's life; (alert_id, step) is unique so each escalation step happens once.
create table alert_events (
  id uuid primary key,
  alert_id uuid not null references alerts(id),
  step text not null,
  kind text not null,
  actor text not null,
  target_user uuid,
  details jsonb,
  at timestamptz not null default now()
);
--> statement-breakpoint
create unique index alert_events_step_key on alert_events (alert_id, step);
--> statement-breakpoint
create table alert_snoozes (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  rule_id text not null,
  until timestamptz not null,
  reason text not null,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index alert_snoozes_patient_idx on alert_snoozes (patient_id, rule_id, until);
--> statement-breakpoint
create table on_call_rota (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  user_id uuid not null references users(id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index on_call_rota_org_idx on on_call_rota (org_id, starts_at, ends_at);
--> statement-breakpoint
-- Hui criteria the product has no data for: the navigator ticks them.
create table palliative_checklist (
  patient_id uuid not null references patients(user_id),
  criterion text not null,
  checked boolean not null,
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now(),
  primary key (patient_id, criterion)
);
