import { postForm } from '../../api';

export const campaignKeys = {
  all: ['campaigns'] as const,
  detail: (id: number) => ['campaigns', 'edition', id] as const,
  gongshi: (id: number) => ['campaigns', 'gongshi', id] as const,
  assistance: (memberId: number) => ['campaigns', 'assistance', memberId] as const,
};

/** 123456 fen → '1,234.56' */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
/** '1234.5' yuan (a form's number) → 123450 fen */
export const toFen = (yuanValue: number | null | undefined) => (yuanValue === null || yuanValue === undefined ? null : Math.round(yuanValue * 100));

export interface Rule { levels: string[]; categories: string[]; collegeChild: boolean; amountByLevel: Record<string, number | undefined>; note?: string }

export interface EditionItem {
  id: number; orgId: number; orgName: string; kind: string; year: number; name: string; budgetFen: number; standardFen: number;
  fundSource: string; startDate: string; endDate: string | null; status: string; recipients: number; approvedFen: number; distributedFen: number;
}

export interface Totals {
  budgetFen: number; recipients: number; listedFen: number; approved: number; approvedFen: number; distributed: number; distributedFen: number; remainingFen: number;
  byOrg: Array<{ orgId: number; orgName: string; recipients: number; listedFen: number; approved: number; approvedFen: number; distributed: number; distributedFen: number }>;
}

export interface EditionDetail {
  id: number; orgId: number; orgName: string; kind: string; year: number; name: string; budgetFen: number; fundSource: string; rule: Rule;
  standardFen: number; goods: string | null; startDate: string; endDate: string | null; status: string; remark: string | null;
  canManage: boolean; canApprove: boolean; canNominate: boolean; canDistribute: boolean;
  totals: Totals;
  timeline: Array<{ at: string; actor: string | null; action: string; summary: string | null }>;
}

export interface RecipientItem {
  id: number; editionId: number; orgId: number; orgName: string | null; source: 'archive' | 'nomination'; archiveId: number | null; archiveLevel: string | null;
  memberId: number | null; name: string; idNumberMasked: string; category: string | null; reason: string | null; amountFen: number;
  status: 'listed' | 'approved' | 'distributed' | 'cancelled'; cancelReason: string | null;
  receipt: { receivedOn: string; receivedBy: string; relation: string; method: string; goods: string | null; transferRef: string | null } | null;
}

export interface DistributionItem {
  id: number; recipientId: number; name: string; idNumberMasked: string; orgName: string; amountFen: number; method: string; receivedBy: string;
  relation: string; receivedOn: string; goods: string | null; transferRef: string | null; recordedBy: string | null;
}

export interface Gongshi { editionId: number; name: string; items: Array<{ no: number; name: string; idNumber: string; orgName: string; amountFen: number; kind: string }>; total: number; totalFen: number }

export interface ImportOutcome {
  headerRow: number | null; counts: { rows: number; new: number; unchanged: number; error: number; skipped: number };
  rows: Array<{ rowNumber: number; outcome: 'new' | 'unchanged' | 'error'; messages: string[]; raw: string[] }>;
  added?: number;
}

export interface Assistance {
  memberId: number;
  archives: Array<{ id: number; archiveNo: string | null; orgName: string; level: string; status: string; archivedOn: string | null; lastAssistedOn: string | null }>;
  payments: Array<{ recipientId: number; editionId: number; editionName: string; kindLabel: string; year: number; orgName: string; amountFen: number; status: string; receivedOn: string | null; method: string | null; receivedBy: string | null; goods: string | null }>;
  visits: Array<{ visitId: number; pairingId: number; date: string; round: string; helper: string; visitors: string | null; kinds: string[]; amountFen: number | null }>;
  totals: Array<{ year: number; paidFen: number; entitledFen: number; payments: number; visits: number }>;
  paidFen: number;
}

/** The nominations import: the file with a mode (dry-run | commit | report), as multipart. */
export async function sendNominationFile(editionId: number, file: File, mode: 'dry-run' | 'commit' | 'report', orgId?: number): Promise<Response> {
  const body = new FormData();
  body.append('mode', mode);
  if (orgId) body.append('orgId', String(orgId));
  body.append('file', file, file.name);
  const res = await postForm(`/api/campaigns/editions/${editionId}/nominations/import`, body);
  return res;
}
