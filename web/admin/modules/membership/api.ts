import { get, patch, post, type Page } from '../../api';
import { codeTables } from '../../../../lib/code-tables';

export const memberKeys = { all: ['members'] as const, detail: (id: number) => ['members', 'detail', id] as const };
export const transferKeys = { all: ['transfers'] as const };
export const employerKeys = { all: ['employers'] as const, detail: (id: number) => ['employers', 'detail', id] as const };

/** Select options of a code table. */
export const codeOptions = (table: string) => (codeTables[table]?.items ?? []).map((i) => ({ value: i.code, label: i.label }));

export interface MemberItem {
  id: number;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  category: string;
  orgId: number;
  orgName: string;
  employerId: number | null;
  employerName: string | null;
  joinDate: string | null;
  cardNo: string;
  status: string;
  statusDate: string | null;
  statusReason: string | null;
}

export interface TimelineStep { step: string; label: string; actor: string | null; at: string; comment: string | null }

export interface TransferItem {
  id: number;
  status: 'pending' | 'accepted' | 'refused' | 'cancelled';
  statusLabel: string;
  member: { id: number; name: string; sex: string; birthDate: string; idNumber: string; category: string; cardNo: string; joinDate: string | null };
  from: { id: number; name: string; employerName: string | null };
  to: { id: number; name: string; employerName: string | null };
  reason: string | null;
  requestedAt: string;
  requestedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  direction: 'both' | 'outgoing' | 'incoming' | null;
  actions: ('accept' | 'refuse' | 'cancel')[];
  timeline: TimelineStep[];
}

export interface MemberDetail {
  member: MemberItem & { age: number };
  union: { id: number; name: string; kind: string };
  employer: { id: number; name: string; creditCode: string | null } | null;
  transfers: TransferItem[];
  received: Record<'assistance' | 'mutualAid' | 'appeals' | 'honors', unknown[]>;
}

export interface MemberInput {
  orgId: number;
  name: string;
  idNumber: string;
  phone?: string | null;
  ethnicity?: string | null;
  education?: string | null;
  politicalStatus?: string | null;
  category?: string;
  employerId?: number | null;
  joinDate?: string | null;
}

export const fetchMember = (id: number) => get<MemberDetail>(`/api/members/${id}`);
export const createMember = (body: MemberInput) => post<MemberDetail>('/api/members', body);
export const updateMember = (id: number, body: Partial<MemberInput>) => patch<MemberDetail>(`/api/members/${id}`, body);
export const setMemberStatus = (id: number, body: { status: string; date: string; reason?: string | null }) => post<MemberDetail>(`/api/members/${id}/status`, body);
export const revealMemberId = (id: number) => post<{ idNumber: string }>(`/api/members/${id}/reveal-id`);
export const startTransfer = (id: number, body: { toOrgId: number; reason?: string | null }) => post<TransferItem>(`/api/members/${id}/transfers`, body);
export const transferTargets = (q: string) => get<{ items: { id: number; name: string }[] }>('/api/transfers/targets', { q });
export const decideTransfer = (id: number, action: 'accept' | 'refuse' | 'cancel', body: Record<string, unknown>) =>
  post<TransferItem>(`/api/transfers/${id}/${action}`, body);

export interface EmployerItem {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  creditCode: string | null;
  ownership: string;
  industry: string;
  townshipCode: string | null;
  address: string | null;
  employeeCount: number;
  womenCount: number;
  migrantCount: number;
  dispatchedCount: number;
  platformCount: number;
  hasUnion: boolean;
  unionStatus: string;
  coveringUnion: { id: number; name: string; kind: string } | null;
  memberCount: number;
  womenMemberCount?: number;
}

export interface EmployerInput {
  orgId: number;
  name: string;
  creditCode?: string | null;
  ownership: string;
  industry: string;
  townshipCode?: string | null;
  address?: string | null;
  employeeCount?: number;
  womenCount?: number;
  migrantCount?: number;
  dispatchedCount?: number;
  platformCount?: number;
  hasUnion?: boolean;
  coveringUnionId?: number | null;
}

export const fetchEmployer = (id: number) => get<EmployerItem>(`/api/employers/${id}`);
export const searchEmployers = (q: string, orgId?: number) => get<Page<EmployerItem>>('/api/employers', { q, township: orgId, pageSize: 20 });
export const createEmployer = (body: EmployerInput) => post<EmployerItem>('/api/employers', body);
export const updateEmployer = (id: number, body: Partial<EmployerInput>) => patch<EmployerItem>(`/api/employers/${id}`, body);

export interface TermEndingItem {
  orgId: number; name: string; kind: string; kindLabel: string; parentName: string | null; chairName: string | null;
  termStart: string | null; termEnd: string; daysLeft: number; ended: boolean;
}
