-- Audit rows are appended without a lock and sealed afterwards (docs/decisions/0013-audit-sealing.md).
-- `tx` is the inserting transaction; the trigger takes it BEFORE it draws `seq`, so a row's transaction
-- id always exists before its sequence number: that is what lets the sealer know when no uncommitted
-- row can still appear below a sequence number it has read.
alter table audit_log add column tx xid8
--> statement-breakpoint
create function audit_log_stamp() returns trigger language plpgsql as $$
begin
  new.tx := pg_current_xact_id();
  new.seq := nextval('audit_log_seq_seq');
  return new;
end;
$$
--> statement-breakpoint
create trigger audit_log_stamp before insert on audit_log for each row execute function audit_log_stamp()
--> statement-breakpoint
-- The trigger draws seq; a column default would draw a second, wasted number before it.
alter table audit_log alter column seq drop default
--> statement-breakpoint
-- The per-row chain of 0005 is replaced by the seals; existing rows are sealed by the first sealer run.
alter table audit_log drop column prev_hash, drop column hash
--> statement-breakpoint
-- One row per sealed batch: batch n covers every audit row with last_seq(n-1) < seq <= last_seq(n);
-- `seqs` and `row_hashes` name each sealed row and its keyed hash; `hash` chains the batches.
create table audit_seals (
  batch bigint primary key,
  sealed_at timestamptz not null default now(),
  last_seq bigint not null,
  seqs bigint[] not null,
  row_hashes text[] not null,
  prev_hash text not null,
  hash text not null
)
--> statement-breakpoint
create trigger audit_seals_no_update before update or delete or truncate on audit_seals
  for each statement execute function audit_log_append_only()
