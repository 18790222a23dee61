import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

// Tables of the federation committee module (server/db/migrations/0004_committee.sql).

/** 委员 / 常委 / 主席 / 副主席 / 经审委员 */
export type CommitteeRole = 'committee' | 'standing' | 'chair' | 'vice_chair' | 'audit';

export interface CommitteeTermTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  term_no: number | null;
  start_date: string;
  end_date: string | null;
  remark: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitteeMemberTable {
  id: Generated<number>;
  term_id: number;
  name: string;
  sex: 'M' | 'F' | null;
  unit: Generated<string>;
  position: string | null;
  member_id: number | null;
  roles: CommitteeRole[];
  elected_meeting: string | null;
  elected_on: string | null;
  status: Generated<'serving' | 'left'>;
  left_on: string | null;
  left_reason: string | null;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitteeReplacementTable {
  id: Generated<number>;
  term_id: number;
  left_member_id: number;
  left_status: ColumnType<'left', 'left' | undefined, never>;
  new_member_id: number;
  meeting: string;
  approved_on: string;
  reason: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CommitteeTables {
  committee_term: CommitteeTermTable;
  committee_member: CommitteeMemberTable;
  committee_replacement: CommitteeReplacementTable;
}
