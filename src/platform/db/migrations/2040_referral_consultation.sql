-- Scheduling a consultation books its video appointment; the receiving specialist joins the care team
-- for the referral when not already a member, and leaves it when the referral ends (docs/decisions/0508).
alter table referrals add column consult_appointment_id uuid;
--> statement-breakpoint
alter table referrals add column consult_specialist_id uuid;
