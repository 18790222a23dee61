import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

// Tables of the campaigns module (server/db/migrations/0010_campaign.sql).

export type EditionStatus = 'draft' | 'listing' | 'approved' | 'distributing' | 'closed';
export type RecipientStatus = 'listed' | 'approved' | 'distributed' | 'cancelled';
export type DistributionMethod = 'cash' | 'transfer' | 'goods';
export type ReceiverRelation = 'self' | 'spouse' | 'child' | 'parent' | 'sibling' | 'other';

/** jsonb read as parsed value, written as JSON text */
type JsonValue<T> = ColumnType<T, string | undefined, string>;

export interface CampaignEditionTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  year: number;
  name: string;
  budget_fen: number;
  fund_source: string;
  rule: JsonValue<unknown>;
  standard_fen: number;
  goods: string | null;
  start_date: string;
  end_date: string | null;
  status: Generated<EditionStatus>;
  remark: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignRecipientTable {
  id: Generated<number>;
  edition_id: number;
  org_id: number;
  source: 'archive' | 'nomination';
  archive_id: number | null;
  archive_level: string | null;
  member_id: number | null;
  person_hash: Buffer;
  name: string;
  id_number_enc: Buffer | null;
  id_number_last4: string | null;
  category: string | null;
  reason: string | null;
  amount_fen: number;
  status: Generated<RecipientStatus>;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
  approved_by: number | null;
  approved_at: Date | null;
  updated_at: Timestamp;
}

export interface CampaignDistributionTable {
  id: Generated<number>;
  recipient_id: number;
  edition_id: number;
  amount_fen: number;
  method: DistributionMethod;
  received_by: string;
  relation: Generated<ReceiverRelation>;
  received_on: string;
  goods: string | null;
  transfer_ref: string | null;
  remark: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface CampaignTables {
  campaign_edition: CampaignEditionTable;
  campaign_recipient: CampaignRecipientTable;
  campaign_distribution: CampaignDistributionTable;
}
