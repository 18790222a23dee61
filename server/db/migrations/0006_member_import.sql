-- Excel import of members and employers (SPEC §3.1): an uploaded workbook becomes a batch;
-- a dry run records every data row's outcome; a commit applies the valid rows. The
-- member-import module owns these tables.

create table import_batch (
  id            uuid primary key,
  kind          text not null check (kind in ('members', 'employers')),
  -- the union (organization) the rows are imported into; must lie in the importer's scope
  org_id        bigint not null references org(id),
  file_name     text not null check (length(file_name) between 1 and 255),
  file_size     integer not null check (file_size >= 0),
  file_sha256   text not null,
  -- the workbook holds full ID numbers: it is kept encrypted (AES-256-GCM under a per-file
  -- key, the key sealed with the field-encryption key) and dropped once the batch is committed
  file_enc      bytea,
  file_key      bytea,
  sheets        jsonb not null default '[]',   -- [{ name, rows }]
  sheet_name    text,
  header_row    integer check (header_row is null or header_row >= 1),
  headers       jsonb not null default '[]',   -- [{ column, text }] of the header row
  mapping       jsonb not null default '{}',   -- { field: column number }
  preview       jsonb not null default '[]',   -- the first data rows as shown, personal numbers masked
  status        text not null default 'uploaded'
                check (status in ('uploaded', 'mapped', 'validating', 'dry_run', 'committing', 'committed', 'failed')),
  counts        jsonb,                         -- { rows, new, update, unchanged, error, transfer_suggested, skipped }
  message       text,                          -- why the last run failed
  job_id        uuid references job(id),       -- the last dry run or commit
  created_by    bigint references app_user(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  dry_run_at    timestamptz,
  committed_at  timestamptz
);
create index import_batch_org_idx on import_batch (org_id, created_at desc);
create index import_batch_sha_idx on import_batch (file_sha256);

-- One row per data row of the sheet (blank, totals and signature rows are skipped).
-- No plain ID number or phone here: the blind index and last 4, and the sealed value only
-- where the commit will write it.
create table import_row (
  batch_id         uuid not null references import_batch(id) on delete cascade,
  row_number       integer not null,             -- the Excel row number
  outcome          text not null check (outcome in ('new', 'update', 'unchanged', 'error', 'transfer_suggested')),
  messages         jsonb not null default '[]',  -- Chinese, each naming its column: '身份证号：校验位错误'
  raw              jsonb not null default '[]',  -- the row's cells as shown in the file, personal numbers masked
  data             jsonb,                        -- normalized values the commit writes
  id_number_enc    bytea,
  id_number_hash   bytea,
  id_number_last4  text,
  phone_enc        bytea,
  phone_hash       bytea,
  phone_last4      text,
  target_id        bigint,                       -- the member or employer the row matched
  primary key (batch_id, row_number)
);
