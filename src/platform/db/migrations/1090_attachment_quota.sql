-- Unsent uploads, per uploader and by age: the upload quota and the 24-hour cleanup read only these.
create index message_attachments_unsent_idx on message_attachments (uploader_id, created_at) where message_id is null;
