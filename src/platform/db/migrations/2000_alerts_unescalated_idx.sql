-- Open alerts whose first escalation step has not run: the reconciler re-queues a step lost between an
-- alert's commit and its queue add (decision 0016). Small, as alerts leave it at acknowledgement or step 1.
create index alerts_unescalated_idx on alerts (created_at) where status = 'open' and escalation_level = 0;
