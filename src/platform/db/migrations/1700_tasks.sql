create table navigation_tasks (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  patient_id uuid not null references patients(user_id),
  type text not null check (type in ('insurance_authorization', 'travel', 'lodging', 'interpreter_booking', 'supportive_service', 'palliative_evaluation', 'goals_of_care', 'checkin_follow_up', 'other')),
  service text,
  title text,
  status text not null check (status in ('open', 'waiting', 'done', 'cancelled')),
  owner_id uuid references users(id),
  due_at timestamptz not null,
  notes text,
  waiting_on text,
  cancel_reason text,
  source_kind text not null,
  source_id text,
  rule_id text,
  event_key text unique,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  done_at timestamptz,
  cancelled_at timestamptz,
  check (status <> 'cancelled' or cancel_reason is not null),
  check ((type = 'supportive_service') = (service is not null))
);
--> statement-breakpoint
create index navigation_tasks_patient_idx on navigation_tasks (patient_id, status, due_at);
--> statement-breakpoint
create index navigation_tasks_owner_idx on navigation_tasks (owner_id, status, due_at);
--> statement-breakpoint
create table navigation_task_events (
  id uuid primary key,
  task_id uuid not null references navigation_tasks(id),
  kind text not null,
  actor text not null,
  from_value text,
  to_value text,
  at timestamptz not null default now()
);
--> statement-breakpoint
create index navigation_task_events_task_idx on navigation_task_events (task_id, at);
--> statement-breakpoint
create table task_event_rules (
  org_id uuid not null references organizations(id),
  rule_id text not null,
  enabled boolean not null,
  due jsonb not null,
  params jsonb not null,
  note text,
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now(),
  primary key (org_id, rule_id)
);
--> statement-breakpoint
create table supportive_services (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  site_id uuid not null references sites(id),
  service text not null,
  name text not null,
  contact text not null,
  languages text[] not null,
  how_to_refer text not null,
  hours text not null,
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now(),
  removed_at timestamptz
);
--> statement-breakpoint
create index supportive_services_site_idx on supportive_services (site_id, service);
--> statement-breakpoint
create table goals_of_care (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  version integer not null,
  what_matters text not null,
  worries text not null,
  preferred_place text not null,
  decision_maker text not null,
  documents text[] not null,
  language text not null,
  recorded_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  unique (patient_id, version)
);
--> statement-breakpoint
create table disease_progressions (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  occurred_on date not null,
  note text not null,
  recorded_by uuid not null references users(id),
  recorded_at timestamptz not null default now()
);
--> statement-breakpoint
create index disease_progressions_patient_idx on disease_progressions (patient_id, recorded_at);
