-- An organization may give urgent referrals of a type a shorter reply deadline (docs/decisions/0505);
-- null keeps the type's deadline for urgent referrals too.
alter table referral_deadline_rules add column urgent_working_days integer check (urgent_working_days > 0);
