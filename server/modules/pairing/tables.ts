import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

// Tables of the pairing module (server/db/migrations/0013_pairing.sql).

export type HelperKind = 'cadre' | 'unit';
export type PairStatus = 'active' | 'ended';
/** 帮扶成效: 已脱困 / 好转 / 持续帮扶 */
export type PairOutcome = 'out_of_hardship' | 'improved' | 'continuing';
export const visitKinds = ['condolence', 'goods', 'policy', 'employment', 'schooling', 'medical', 'other'] as const;
export type VisitKind = (typeof visitKinds)[number];

export interface PairingRoundTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  start_date: string;
  end_date: string | null;
  is_current: Generated<boolean>;
  remark: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PairingTable {
  id: Generated<number>;
  round_id: number;
  archive_id: number;
  member_id: number;
  org_id: number;
  helper_kind: HelperKind;
  helper_user_id: number | null;
  helper_name: string;
  helper_position: string | null;
  helper_unit: string | null;
  contact_name: string | null;
  contact_phone_enc: Buffer | null;
  contact_phone_hash: Buffer | null;
  contact_phone_last4: string | null;
  start_date: string;
  status: Generated<PairStatus>;
  ended_on: string | null;
  end_reason: string | null;
  goals: string | null;
  result_outcome: PairOutcome | null;
  result_text: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PairingVisitTable {
  id: Generated<number>;
  pairing_id: number;
  visit_date: string;
  visitors: string;
  kinds: VisitKind[];
  note: string | null;
  amount_fen: number | null;
  recorded_by: number | null;
  created_at: Timestamp;
}

export interface PairingTables {
  pairing_round: PairingRoundTable;
  pairing: PairingTable;
  pairing_visit: PairingVisitTable;
}
