-- Issue 16: snooze is an action on an acknowledged alert; an alert raised for a snoozed symptom is
-- recorded as suppressed and counted apart (decision 0205).
alter table alerts drop constraint alerts_status_check;
--> statement-breakpoint
-- Alerts that were never shown (snoozed at raise: no navigator ever snoozed them) become suppressed;
-- alerts a navigator snoozed are open again, or acknowledged if they were: they still need a resolution.
update alerts set status = 'suppressed'
  where status = 'snoozed' and not exists (select 1 from alert_events e where e.alert_id = alerts.id and e.kind = 'snoozed');
--> statement-breakpoint
update alerts set status = case when acknowledged_at is null then 'open' else 'acknowledged' end where status = 'snoozed';
--> statement-breakpoint
alter table alerts add constraint alerts_status_check check (status in ('open', 'acknowledged', 'resolved', 'suppressed'));
--> statement-breakpoint
-- Where a patient is, for crisis resources: their own country, else their site's (decision 0206).
alter table users add column country text check (country ~ '^[A-Z]{2}$');
--> statement-breakpoint
alter table sites add column country text check (country ~ '^[A-Z]{2}$');
--> statement-breakpoint
-- The source a clinical lead cites for a change of the rules (who, when and why are already kept).
alter table clinical_rule_sets add column change_source text;
--> statement-breakpoint
-- Flags a navigator sets on a patient for the rules: on systemic therapy (fever is then urgent).
create table patient_clinical_flags (
  patient_id uuid primary key references patients(user_id),
  on_systemic_therapy boolean not null default false,
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now()
);
