-- Secure messaging (issue #3): threads, members with read state, per-thread sequenced messages,
-- attachments. See docs/decisions/0100-messaging-exactly-once.md.
create table message_threads (
  id uuid primary key,
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('care_team', 'staff', 'direct', 'consult')),
  patient_id uuid references patients(user_id),
  consultation_id uuid,
  -- direct threads: the two user ids, sorted and joined, so a pair has one thread
  direct_key text,
  assigned_navigator_id uuid references users(id),
  created_by uuid references users(id),
  last_seq bigint not null default 0,
  last_message_at timestamptz,
  awaiting_reply boolean not null default false,
  urgent boolean not null default false,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index message_threads_care_team_key on message_threads (patient_id) where kind = 'care_team';
--> statement-breakpoint
create unique index message_threads_direct_key on message_threads (direct_key) where kind = 'direct';
--> statement-breakpoint
create unique index message_threads_consult_key on message_threads (consultation_id) where kind = 'consult';
--> statement-breakpoint
create index message_threads_patient_idx on message_threads (patient_id);
--> statement-breakpoint
create table message_thread_members (
  thread_id uuid not null references message_threads(id),
  user_id uuid not null references users(id),
  role text not null,
  last_read_seq bigint not null default 0,
  muted boolean not null default false,
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  primary key (thread_id, user_id)
);
--> statement-breakpoint
create index message_thread_members_user_idx on message_thread_members (user_id) where left_at is null;
--> statement-breakpoint
create table messages (
  id uuid primary key,
  thread_id uuid not null references message_threads(id),
  seq bigint not null,
  sender_id uuid references users(id),
  -- the client's UUID: a repeat send is absorbed by this key and answered with the stored row
  client_id uuid,
  kind text not null check (kind in ('user', 'auto', 'system')),
  body text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index messages_thread_seq_key on messages (thread_id, seq);
--> statement-breakpoint
create unique index messages_client_key on messages (sender_id, client_id);
--> statement-breakpoint
create table message_attachments (
  id uuid primary key,
  thread_id uuid not null references message_threads(id),
  uploader_id uuid not null references users(id),
  message_id uuid references messages(id),
  file_name text not null,
  content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size integer not null,
  sha256 text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index message_attachments_message_idx on message_attachments (message_id);
