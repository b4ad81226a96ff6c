-- One row per notification a worker delivers, keyed by the job's deterministic id, so a retried or
-- re-delivered job never sends twice (SECURITY.md S13).
create table notification_deliveries (
  job_key text primary key,
  user_id uuid not null references users(id),
  channel text not null,
  template text not null,
  status text not null check (status in ('sending', 'sent')),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
--> statement-breakpoint
create table inapp_notifications (
  id uuid primary key,
  user_id uuid not null references users(id),
  template text not null,
  refs jsonb not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
--> statement-breakpoint
create index inapp_notifications_user_idx on inapp_notifications (user_id, created_at desc);
