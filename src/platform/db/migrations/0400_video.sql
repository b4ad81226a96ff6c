create table video_guest_links (
  id uuid primary key,
  room_kind text not null check (room_kind in ('appointment', 'case_review')),
  room_id uuid not null,
  token_hash text not null unique,
  guest_name text not null,
  guest_role text not null check (guest_role in ('interpreter', 'family')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
--> statement-breakpoint
create index video_guest_links_room_idx on video_guest_links (room_kind, room_id);
