-- Every change to who a person is or how they reach a patient is announced on the `people_changed`
-- channel after commit, naming the people concerned, so every node drops its cached access decisions
-- and profiles for them (docs/decisions/0015-access-and-profile-caches.md). Triggers, not application
-- code, so that no path can change a relationship silently: services, jobs, migrations, an operator's SQL.
create function people_changed() returns trigger language plpgsql as $$
declare
  r record;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  if tg_table_name = 'users' then
    perform pg_notify('people_changed', r.id::text);
  elsif tg_table_name = 'patients' then
    perform pg_notify('people_changed', r.user_id::text);
  elsif tg_table_name = 'care_team_members' then
    -- Both sides: the patient's decisions and care team, the member's caseload.
    perform pg_notify('people_changed', r.patient_id::text);
    perform pg_notify('people_changed', r.user_id::text);
  elsif tg_table_name = 'caregiver_grants' then
    perform pg_notify('people_changed', r.patient_id::text);
    perform pg_notify('people_changed', r.caregiver_id::text);
  else
    perform pg_notify('people_changed', r.patient_id::text);
    perform pg_notify('people_changed', r.user_id::text);
  end if;
  return null;
end;
$$
--> statement-breakpoint
create trigger users_changed after insert or update or delete on users for each row execute function people_changed()
--> statement-breakpoint
create trigger patients_changed after insert or update or delete on patients for each row execute function people_changed()
--> statement-breakpoint
create trigger care_team_members_changed after insert or update or delete on care_team_members for each row execute function people_changed()
--> statement-breakpoint
create trigger caregiver_grants_changed after insert or update or delete on caregiver_grants for each row execute function people_changed()
--> statement-breakpoint
create trigger break_glass_grants_changed after insert or update or delete on break_glass_grants for each row execute function people_changed()
