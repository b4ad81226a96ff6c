-- A care-team membership made for referrals remembers the open referrals that hold it: the specialist
-- leaves when the last of them ends, and a membership with no holds is a standing one that no referral
-- removes (docs/decisions/0510).
create table care_team_referral_holds (
  patient_id uuid not null references patients(user_id),
  user_id uuid not null references users(id),
  referral_id uuid primary key,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index care_team_referral_holds_member_idx on care_team_referral_holds (patient_id, user_id);
--> statement-breakpoint
-- Open referrals that added their specialist before this table existed hold that membership.
insert into care_team_referral_holds (patient_id, user_id, referral_id)
select r.patient_id, r.consult_specialist_id, r.id
from referrals r
join care_team_members m on m.patient_id = r.patient_id and m.user_id = r.consult_specialist_id and m.removed_at is null
where r.consult_specialist_id is not null and r.state not in ('declined', 'completed', 'cancelled');
