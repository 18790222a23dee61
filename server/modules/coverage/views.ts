import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { Db } from '../../platform/db.js';

// The views the coverage figures read (server/db/migrations/0005_coverage_views.sql). They are
// the membership data's statistics interface: this module never reads employer or member.

export interface EmployerCoverageView {
  employer_id: number;
  org_id: number;
  org_path: string;
  org_name: string;
  township_name: string | null;
  name: string;
  credit_code: string | null;
  ownership: string;
  industry: string;
  township_code: string | null;
  employee_count: number;
  women_count: number;
  migrant_count: number;
  dispatched_count: number;
  platform_count: number;
  has_union: boolean;
  covering_union_id: number | null;
  /** has its own union or is covered by one (e.g. a 联合基层工会) */
  unionized: boolean;
  active_members: number;
  active_women_members: number;
  active_migrant_members: number;
  active_dispatched_members: number;
  active_platform_members: number;
}

export interface MemberWithoutEmployerView {
  org_id: number;
  org_path: string;
  active_members: number;
  active_migrant_members: number;
  active_dispatched_members: number;
  active_platform_members: number;
}

export type CoverageViews = {
  v_employer_coverage: EmployerCoverageView;
  v_member_without_employer: MemberWithoutEmployerView;
};

export type ViewDb = Kysely<DB & CoverageViews>;

/** The same connection, typed to see the views. */
export const withViews = (db: Db): ViewDb => db.withTables<CoverageViews>();
