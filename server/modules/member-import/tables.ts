import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db-types.js';

// Tables of the member/employer Excel import (server/db/migrations/0006_member_import.sql).
export type ImportKind = 'members' | 'employers';
export type BatchStatus = 'uploaded' | 'mapped' | 'validating' | 'dry_run' | 'committing' | 'committed' | 'failed';
export type RowOutcome = 'new' | 'update' | 'unchanged' | 'error' | 'transfer_suggested';

export interface ImportBatchTable {
  id: string;
  kind: ImportKind;
  org_id: number;
  file_name: string;
  file_size: number;
  file_sha256: string;
  file_enc: Buffer | null;
  file_key: Buffer | null;
  sheets: Json;
  sheet_name: string | null;
  header_row: number | null;
  headers: Json;
  mapping: Json;
  preview: Json;
  status: ColumnType<BatchStatus, BatchStatus | undefined, BatchStatus>;
  counts: Json;
  message: string | null;
  job_id: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  dry_run_at: Date | null;
  committed_at: Date | null;
}

export interface ImportRowTable {
  batch_id: string;
  row_number: number;
  outcome: RowOutcome;
  messages: Json;
  raw: Json;
  data: Json;
  id_number_enc: Buffer | null;
  id_number_hash: Buffer | null;
  id_number_last4: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
  target_id: number | null;
}

export interface MemberImportTables {
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
}
