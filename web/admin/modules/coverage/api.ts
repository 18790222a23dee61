import { get } from '../../api';
import type { CoverageFigures } from '../../../../lib/coverage-rates';

// the same figures the server computes (lib/coverage-rates.ts)
export type Figures = CoverageFigures;

export interface Summary extends Figures {
  org: { id: number; name: string } | null;
  nonPublic: Figures;
  membersWithoutEmployer: { members: number; migrantMembers: number; dispatchedMembers: number; platformMembers: number };
}

export interface BreakdownRow extends Figures {
  key: string;
  label: string;
  orgId?: number;
  directOnly?: boolean;
  nonPublic?: boolean;
}

export interface Breakdown {
  by: 'tree' | 'industry' | 'ownership';
  org: { id: number; name: string } | null;
  rows: BreakdownRow[];
  total: Figures;
}

export interface WithoutUnionItem {
  id: number;
  name: string;
  creditCode: string | null;
  orgId: number;
  orgName: string;
  townshipName: string | null;
  ownership: string;
  ownershipLabel: string;
  nonPublic: boolean;
  industry: string;
  industryLabel: string;
  employees: number;
  migrantEmployees: number;
  dispatchedEmployees: number;
  platformEmployees: number;
}

export const fetchSummary = (orgId?: number) => get<Summary>('/api/coverage/summary', { orgId });
export const fetchBreakdown = (by: string, orgId?: number) => get<Breakdown>('/api/coverage/breakdown', { by, orgId });

/** 0.8123 → '81.23%'; null → '—'. */
export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`);
