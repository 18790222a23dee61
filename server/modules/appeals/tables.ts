import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

// Tables of the appeals module (server/db/migrations/0011_appeals.sql).

export type AppealStatus = 'accepted' | 'assigned' | 'handling' | 'replied' | 'visited' | 'closed' | 'returned' | 'transferred';
export type AppealStep = 'accept' | 'assign' | 'reassign' | 'return' | 'progress' | 'reply' | 'visit' | 'close' | 'supervise' | 'transfer';
export type Satisfaction = 'satisfied' | 'basically' | 'dissatisfied';
export type TransferKind = 'legal_aid' | 'mediation' | 'hardship';

export interface AppealNumberTable {
  year: number;
  last: number;
}

export interface AppealTable {
  id: Generated<number>;
  ticket_no: string;
  org_id: number;
  channel: string;
  type: string;
  subject: string;
  tier: string;
  status: Generated<AppealStatus>;
  workers_affected: Generated<number>;
  amount_fen: number | null;
  employer_id: number | null;
  employer_name: string | null;
  member_id: number | null;
  worker_name: string;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
  id_number_enc: Buffer | null;
  id_number_hash: Buffer | null;
  id_number_last4: string | null;
  content: string;
  accepted_on: string;
  accepted_at: Timestamp;
  accepted_by: number | null;
  ack_due_on: string;
  due_on: string;
  acknowledged_at: Date | null;
  assigned_org_id: number | null;
  assignee_id: number | null;
  assigned_by: number | null;
  assigned_at: Date | null;
  reply: string | null;
  replied_at: Date | null;
  satisfaction: Satisfaction | null;
  visit_note: string | null;
  visited_at: Date | null;
  closed_on: string | null;
  closed_at: Date | null;
  transfer_kind: TransferKind | null;
  transfer_id: number | null;
  transferred_at: Date | null;
  supervision_note: string | null;
  supervision_deadline: string | null;
  supervised_at: Date | null;
  supervised_by: number | null;
  updated_at: Timestamp;
}

export interface AppealStepTable {
  id: Generated<number>;
  appeal_id: number;
  step: AppealStep;
  from_status: AppealStatus | null;
  to_status: AppealStatus;
  actor_id: number | null;
  actor_name: string;
  at: Timestamp;
  comment: string | null;
  data: string | null;
}

export interface AppealWarningTable {
  id: Generated<number>;
  org_id: number;
  kind: 'ticket' | 'employer';
  rules: string[];
  title: string;
  detail: string | null;
  employer_id: number | null;
  employer_key: string | null;
  workers_affected: number | null;
  amount_fen: number | null;
  raised_at: Timestamp;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  ack_note: string | null;
}

export interface AppealWarningTicketTable {
  warning_id: number;
  appeal_id: number;
}

export interface AppealsTables {
  appeal_number: AppealNumberTable;
  appeal: AppealTable;
  appeal_step: AppealStepTable;
  appeal_warning: AppealWarningTable;
  appeal_warning_ticket: AppealWarningTicketTable;
}
