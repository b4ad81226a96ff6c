-- The wizard saves a draft from its first step, before the receiving site is chosen (docs/decisions/0505).
alter table referrals alter column to_site_id drop not null;
--> statement-breakpoint
alter table referrals add column urgency text not null default 'routine' check (urgency in ('routine', 'urgent'));
--> statement-breakpoint
-- The navigator asks the patient for consent (a notification and a card on the home); the patient may decline.
alter table referrals add column consent_requested_at timestamptz;
--> statement-breakpoint
alter table referrals add column consent_declined_at timestamptz;
--> statement-breakpoint
-- Consent given in person and recorded by the navigator names who witnessed it.
alter table referral_consents add column witness text;
