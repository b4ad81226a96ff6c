-- "My records": a patient's (or caregiver's) upload, typed and dated. The file is a message attachment
-- in the patient's care-team thread (messaging owns the file and who may read it).
create table patient_documents (
  id uuid primary key,
  patient_id uuid not null references patients(user_id),
  attachment_id uuid not null unique references message_attachments(id),
  kind text not null check (kind in ('pathology', 'imaging', 'lab', 'letter', 'other')),
  title text not null check (char_length(title) between 1 and 200),
  document_date date,
  uploaded_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index patient_documents_patient_idx on patient_documents (patient_id, created_at);
