import { postForm, del, get, post, put } from '../../api';

export const hardshipKeys = {
  all: ['hardship'] as const,
  detail: (id: number) => ['hardship', 'detail', id] as const,
  member: (id: number) => ['hardship', 'member', id] as const,
  dibao: ['hardship', 'dibao'] as const,
};

export type Level = 'deep' | 'relative' | 'accidental' | 'none';
export type ActionName = 'submit' | 'review' | 'visit' | 'notice' | 'approve' | 'return' | 'reject' | 'yearly_review' | 'resolve' | 'exit';

export interface LevelBasis {
  level: Level;
  incomeFen: number;
  expenseFen: number;
  hardshipCostsFen: number;
  householdSize: number;
  dibaoLineFen: number;
  dibaoYear: number;
  netFen: number;
  perCapitaMonthlyFen: number;
  deepBelowFen: number;
  relativeBelowFen: number;
  accidentAboveFen: number;
  isDeep: boolean;
  isRelative: boolean;
  isAccidental: boolean;
}

export interface ArchiveItem {
  id: number;
  archiveNo: string | null;
  status: string;
  statusLabel: string;
  level: Level;
  mainCause: string;
  workerName: string;
  idNumber: string;
  orgId: number;
  orgName: string;
  householdSize: number;
  incomeFen: number;
  expenseFen: number;
  archivedOn: string | null;
  nextReviewDue: string | null;
  lastReviewedOn: string | null;
  lastAssistedOn: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  createdAt: string;
}

export interface HouseholdMember {
  id?: number;
  name: string;
  relation: string;
  idNumber?: string | null;
  birthDate?: string | null;
  incomeFen: number;
  health: string;
  insurance: string;
  schoolStage: string;
  occupation?: string | null;
}

export interface FinanceLine { id?: number; direction: 'income' | 'expense' | 'hardship_cost'; item: string; amountFen: number; note?: string | null }

export interface ArchiveDetail {
  id: number;
  archiveNo: string | null;
  status: string;
  level: Level;
  levelBasis: LevelBasis | null;
  org: { id: number; name: string };
  member: { id: number; name: string; sex: string; birthDate: string; cardNo: string; status: string; idNumber: string };
  worker: {
    ethnicity: string | null; health: string; disability: string; workStatus: string; hukou: string; housing: string;
    employerName: string | null; employerCondition: string; modelWorker: boolean; address: string | null; bankName: string | null; bankAccount: string | null;
  };
  mainCause: string;
  secondaryCause: string | null;
  situation: string | null;
  figures: { householdSize: number; incomeFen: number; expenseFen: number; hardshipCostsFen: number; dibaoYear: number | null; dibaoLineFen: number | null };
  household: (HouseholdMember & { id: number; idNumber: string })[];
  lines: (FinanceLine & { id: number })[];
  sourceTicketId: number | null;
  appliedAt: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  approvedAt: string | null;
  archivedOn: string | null;
  lastReviewedOn: string | null;
  nextReviewDue: string | null;
  lastAssistedOn: string | null;
  closedOn: string | null;
  closedReason: string | null;
  timeline: { id: number; step: string; fromStatus: string | null; toStatus: string | null; actor: string | null; at: string; comment: string | null }[];
  visits: { id: number; visitDate: string; visitors: string; findings: string; conclusion: string }[];
  objections: { id: number; content: string; hasContact: boolean; receivedAt: string; handledAt: string | null; handlingNote: string | null; handledBy: string | null }[];
  files: { id: number; kind: string | null; name: string; mime: string; size: number; createdByName: string | null; createdAt: string }[];
  actions: ActionName[];
  canEdit: boolean;
  canUpload: boolean;
  canHandleObjections: boolean;
  noticeOver: boolean;
  today: string;
}

/** The body of a create / edit / yearly review: the worker's fields, the household and the lines. */
export interface ArchiveInput {
  ethnicity?: string | null;
  health: string;
  disability: string;
  workStatus: string;
  hukou: string;
  housing: string;
  employerName?: string | null;
  employerCondition: string;
  modelWorker: boolean;
  address?: string | null;
  mainCause: string;
  secondaryCause?: string | null;
  situation?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  household: HouseholdMember[];
  lines: FinanceLine[];
}

export const fetchArchive = (id: number) => get<ArchiveDetail>(`/api/hardship/archives/${id}`);
export const createArchive = (body: ArchiveInput & { memberId: number; submit: boolean }) => post<ArchiveDetail>('/api/hardship/archives', body);
export const updateArchive = (id: number, body: ArchiveInput) => put<ArchiveDetail>(`/api/hardship/archives/${id}`, body);
const actionPath = (a: ActionName) => (a === 'yearly_review' ? 'yearly-review' : a);
export const runAction = (id: number, action: ActionName, body: object) => post<ArchiveDetail>(`/api/hardship/archives/${id}/${actionPath(action)}`, body);
export const handleObjection = (id: number, note: string) => post<{ ok: true }>(`/api/hardship/objections/${id}/handle`, { note });
export const revealObjectionContact = (id: number) => post<{ contact: string }>(`/api/hardship/objections/${id}/reveal-contact`, {});
export const deleteFile = (id: number) => del<{ ok: true }>(`/api/hardship/files/${id}`);
export const previewLevel = (body: { household: { incomeFen: number }[]; lines: { direction: string; amountFen: number }[] }) =>
  post<LevelBasis>('/api/hardship/level-preview', body);
export const fetchMemberArchives = (memberId: number) =>
  get<{ items: { id: number; archiveNo: string | null; orgName: string; level: Level; status: string; mainCause: string; archivedOn: string | null; nextReviewDue: string | null; lastAssistedOn: string | null; closedOn: string | null; createdAt: string }[] }>(`/api/hardship/members/${memberId}/archives`);
export const fetchDibao = () => get<{ lines: Record<string, number>; year: number; current: { year: number; lineFen: number } | null }>('/api/hardship/settings/dibao');
export const saveDibao = (lines: Record<string, number>) => put<{ lines: Record<string, number> }>('/api/hardship/settings/dibao', { lines });

/** multipart upload of one document; same headers as the JSON requests. */
export async function uploadFile(archiveId: number, file: File, kind: string): Promise<void> {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file, file.name);
  await postForm(`/api/hardship/archives/${archiveId}/files`, body);
}

export const levelColors: Record<string, string> = { deep: 'red', relative: 'orange', accidental: 'purple', none: 'default' };
export const statusColors: Record<string, string> = {
  draft: 'default', applied: 'processing', returned: 'warning', reviewed: 'processing', visited: 'processing', notice: 'gold',
  archived: 'success', rejected: 'error', resolved: 'cyan', exited: 'default',
};
export const yuanToFen = (v: number | null | undefined) => Math.round((v ?? 0) * 100);
export const fenToYuan = (v: number | null | undefined) => (v ?? 0) / 100;
