import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

// Tables of the membership module (server/db/migrations/0002_membership.sql and later).
export interface EmployerTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  credit_code: string | null;
  ownership: string;
  industry: string;
  township_code: string | null;
  address: string | null;
  employee_count: Generated<number>;
  women_count: Generated<number>;
  migrant_count: Generated<number>;
  dispatched_count: Generated<number>;
  platform_count: Generated<number>;
  has_union: Generated<boolean>;
  covering_union_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberTable {
  id: Generated<number>;
  org_id: number;
  employer_id: number | null;
  name: string;
  name_initials: Generated<string>;
  id_number_enc: Buffer;
  id_number_hash: Buffer;
  id_number_last4: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
  ethnicity: string | null;
  education: string | null;
  political_status: string | null;
  category: Generated<string>;
  join_date: string | null;
  card_no: string;
  status: Generated<'active' | 'transferred_out' | 'withdrawn' | 'deceased'>;
  status_changed_at: Date | null;
  status_date: string | null;
  status_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A jsonb list: read as parsed values, written as JSON text. */
type JsonList<T> = ColumnType<T[], string | undefined, string>;

export interface CommitteePerson {
  name: string;
  position?: string | null;
}

// 0003_membership.sql
export interface UnionProfileTable {
  org_id: number;
  founded_on: string | null;
  chair_name: string | null;
  vice_chairs: JsonList<string>;
  committee_members: JsonList<CommitteePerson>;
  audit_committee: JsonList<CommitteePerson>;
  women_committee: JsonList<CommitteePerson>;
  term_start: string | null;
  term_end: string | null;
  joint_kind: 'regional' | 'sectoral' | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type TransferStatus = 'pending' | 'accepted' | 'refused' | 'cancelled';

export interface MemberTransferTable {
  id: Generated<number>;
  member_id: number;
  from_org_id: number;
  to_org_id: number;
  from_employer_id: number | null;
  to_employer_id: number | null;
  status: Generated<TransferStatus>;
  reason: string | null;
  requested_by: number | null;
  requested_at: Timestamp;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface MembershipTables {
  employer: EmployerTable;
  member: MemberTable;
  union_profile: UnionProfileTable;
  member_transfer: MemberTransferTable;
}
