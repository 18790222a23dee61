import type { ColumnType, Generated, RawBuilder } from 'kysely';
import type { MembershipTables } from '../modules/membership/tables.js';
import type { MemberImportTables } from '../modules/member-import/tables.js';
import type { CommitteeTables } from '../modules/committee/tables.js';
import type { CalendarTables } from '../modules/calendar/tables.js';
import type { AppealsTables } from '../modules/appeals/tables.js';
import type { HardshipTables } from '../modules/hardship/tables.js';
import type { LegalTables } from '../modules/legal/tables.js';
import type { PairingTables } from '../modules/pairing/tables.js';
import type { CampaignTables } from '../modules/campaigns/tables.js';

// Table types for the query builder, written to match server/db/migrations/*.sql.
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface OrgTable {
  id: Generated<number>;
  parent_id: number | null;
  path: ColumnType<string, never, string>; // set by trigger on insert; rewritten on move
  name: string;
  short_name: string | null;
  kind: string;
  region_code: string | null;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  builtin: Generated<boolean>;
  admin_duty: 'system' | 'security' | 'audit' | null;
  permissions: string[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  org_id: number;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  status: Generated<'active' | 'disabled'>;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: number;
  role_id: number;
  org_id: number;
  granted_by: number | null;
  granted_at: Timestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date | string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  org_id: number | null;
  org_path: ColumnType<string | null, RawBuilder<string | null> | null | undefined, never>;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  before: Json;
  after: Json;
  ip: string | null;
}

export interface LoginLogTable {
  id: Generated<number>;
  at: Timestamp;
  username: string;
  user_id: number | null;
  org_id: number | null;
  org_path: ColumnType<string | null, RawBuilder<string | null> | null | undefined, never>;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
  reason: string | null;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface CodeItemTable {
  table_code: string;
  code: string;
  label: string;
  sort_order: Generated<number>;
  enabled: Generated<boolean>;
  updated_at: Timestamp;
}

export interface JobTable {
  id: string;
  kind: string;
  status: Generated<'running' | 'succeeded' | 'failed'>;
  done: Generated<number>;
  total: number | null;
  message: string | null;
  result: Json;
  created_by: number | null;
  org_id: number | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface PlatformTables {
  org: OrgTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  login_log: LoginLogTable;
  setting: SettingTable;
  code_item: CodeItemTable;
  job: JobTable;
}

/** The query builder's view of the whole database: the platform's tables and each module's. */
export interface DB extends PlatformTables, MembershipTables, MemberImportTables, CommitteeTables, CalendarTables,
  AppealsTables, HardshipTables, LegalTables, PairingTables, CampaignTables {}
