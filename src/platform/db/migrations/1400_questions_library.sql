-- Questions a patient (or their caregiver) writes for their next visit; an answer names the appointment it was given in.
create table visit_questions (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  author_id uuid not null references users(id),
  clinician_id uuid references users(id),
  body text not null check (char_length(body) between 1 and 500),
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  answered_by uuid references users(id),
  answer_note text check (answer_note is null or char_length(answer_note) <= 1000),
  answered_appointment_id uuid references appointments(id),
  check ((answered_at is null) = (answered_by is null))
);
--> statement-breakpoint
create index visit_questions_patient_idx on visit_questions (patient_id, created_at);
--> statement-breakpoint
-- The organization's trusted-information library: pages, advocacy organizations, support groups.
create table library_entries (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('information', 'advocacy', 'support_group')),
  title text not null,
  summary text not null,
  organization text not null,
  url text check (url is null or url like 'https://%'),
  domain text,
  family text,
  language text not null,
  format text check (format is null or format in ('online', 'in_person', 'both')),
  reviewed_on date not null,
  reviewer text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index library_entries_org_idx on library_entries (org_id, language);
