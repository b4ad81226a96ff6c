-- A person's quiet hours for reminders and notifications, in their own time zone ("HH:MM", may wrap midnight).
create table user_quiet_hours (
  user_id uuid primary key references users(id),
  starts text not null check (starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends text not null check (ends ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz not null default now()
);
