import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db-types.js';

// Tables of the hardship module (server/db/migrations/0009_hardship.sql) and the platform's
// stored_file table created there.

export type HardshipLevel = 'deep' | 'relative' | 'accidental' | 'none';
export type HardshipStatus =
  | 'draft' | 'applied' | 'returned' | 'reviewed' | 'visited' | 'notice' | 'archived'
  | 'rejected' | 'resolved' | 'exited';

export interface HardshipArchiveTable {
  id: Generated<number>;
  archive_no: string | null;
  org_id: number;
  member_id: number;
  ethnicity: string | null;
  health: Generated<string>;
  disability: Generated<string>;
  work_status: Generated<string>;
  hukou: Generated<string>;
  housing: Generated<string>;
  employer_name: string | null;
  employer_condition: Generated<string>;
  model_worker: Generated<boolean>;
  address: string | null;
  household_size: Generated<number>;
  yearly_income_fen: Generated<number>;
  rigid_expense_fen: Generated<number>;
  hardship_costs_fen: Generated<number>;
  main_cause: string;
  secondary_cause: string | null;
  situation: string | null;
  bank_name: string | null;
  bank_account_enc: Buffer | null;
  bank_account_last4: string | null;
  level: Generated<HardshipLevel>;
  level_basis: Json;
  dibao_year: number | null;
  dibao_line_fen: number | null;
  status: Generated<HardshipStatus>;
  source_ticket_id: number | null;
  applied_by: number | null;
  applied_at: Date | null;
  notice_start: string | null;
  notice_end: string | null;
  approved_by: number | null;
  approved_at: Date | null;
  archived_on: string | null;
  last_reviewed_on: string | null;
  next_review_due: string | null;
  last_assisted_on: string | null;
  closed_on: string | null;
  closed_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HardshipHouseholdMemberTable {
  id: Generated<number>;
  archive_id: number;
  name: string;
  relation: string;
  id_number_enc: Buffer | null;
  id_number_hash: Buffer | null;
  id_number_last4: string | null;
  birth_date: string | null;
  income_fen: Generated<number>;
  health: Generated<string>;
  insurance: Generated<string>;
  school_stage: Generated<string>;
  occupation: string | null;
  sort_order: Generated<number>;
}

export interface HardshipFinanceLineTable {
  id: Generated<number>;
  archive_id: number;
  direction: 'income' | 'expense' | 'hardship_cost';
  item: string;
  amount_fen: number;
  note: string | null;
  sort_order: Generated<number>;
}

export interface HardshipStepTable {
  id: Generated<number>;
  archive_id: number;
  step: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: number | null;
  actor_name: string | null;
  at: Timestamp;
  comment: string | null;
}

export interface HardshipVisitTable {
  id: Generated<number>;
  archive_id: number;
  visit_date: string;
  visitors: string;
  findings: string;
  conclusion: 'confirmed' | 'discrepancy';
  created_by: number | null;
  created_at: Timestamp;
}

export interface HardshipObjectionTable {
  id: Generated<number>;
  archive_id: number;
  content: string;
  contact_enc: Buffer | null;
  received_at: Timestamp;
  ip: string | null;
  handled_by: number | null;
  handled_at: Date | null;
  handling_note: string | null;
}

export interface StoredFileTable {
  id: Generated<number>;
  owner_entity: string;
  owner_id: number;
  org_id: number;
  kind: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: ColumnType<Buffer, Buffer, Buffer>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface HardshipTables {
  hardship_archive: HardshipArchiveTable;
  hardship_household_member: HardshipHouseholdMemberTable;
  hardship_finance_line: HardshipFinanceLineTable;
  hardship_step: HardshipStepTable;
  hardship_visit: HardshipVisitTable;
  hardship_objection: HardshipObjectionTable;
  stored_file: StoredFileTable;
}
