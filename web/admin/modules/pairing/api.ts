import { postForm, get, patch, post, put, type Page } from '../../api';
import { codeTables } from '../../../../lib/code-tables';

export const pairingKeys = {
  all: ['pairing'] as const,
  rounds: ['pairing', 'rounds'] as const,
  detail: (id: number) => ['pairing', 'detail', id] as const,
  summary: ['pairing', 'summary'] as const,
};

export const codeOptions = (table: string) => (codeTables[table]?.items ?? []).map((i) => ({ value: i.code, label: i.label }));

/** 分 → 1,234.50 元 */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}${whole}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}

export interface Round {
  id: number; orgId: number; orgName: string; name: string; startDate: string; endDate: string | null;
  isCurrent: boolean; remark: string | null; activePairs: number; allPairs: number;
}

export interface PairItem {
  id: number; roundId: number; roundName: string; archiveId: number; memberId: number; workerName: string;
  orgId: number; orgName: string; townshipName: string | null; helperKind: 'cadre' | 'unit'; helperKindLabel: string;
  helperName: string; helperPosition: string | null; helperUnit: string | null; contactPhone: string | null;
  startDate: string; status: 'active' | 'ended'; statusLabel: string; endedOn: string | null;
  resultOutcome: string | null; resultOutcomeLabel: string | null; visitCount: number; lastVisit: string | null; amountFen: number;
}

export interface Photo { id: number; name: string; size: number; mime: string }

export interface Visit {
  id: number; visitDate: string; visitors: string; kinds: string[]; kindLabels: string[]; note: string | null;
  amountFen: number | null; recordedBy: string | null; createdAt: string; photos: Photo[];
}

export interface PairDetail {
  id: number;
  status: 'active' | 'ended';
  statusLabel: string;
  round: { id: number; name: string; startDate: string; endDate: string | null };
  household: {
    archiveId: number; memberId: number; workerName: string; orgId: number; orgName: string; townshipName: string | null;
    level: string | null; levelLabel: string | null; archiveStatus: string | null; archiveStatusLabel: string | null;
  };
  helper: { kind: 'cadre' | 'unit'; kindLabel: string; userId: number | null; name: string; position: string | null; unit: string | null; contactName: string | null; contactPhone: string | null };
  startDate: string;
  endedOn: string | null;
  endReason: string | null;
  goals: string | null;
  result: { outcome: string | null; outcomeLabel: string | null; text: string | null };
  quarter: { label: string; start: string; end: string };
  visitedThisQuarter: boolean;
  visits: Visit[];
  timeline: { action: string; actor: string | null; at: string; comment: string | null }[];
}

export interface NoVisitSummary {
  quarter: { label: string; start: string; end: string };
  today: string;
  townships: { townshipId: number | null; townshipName: string | null; active: number; visited: number; notVisited: number }[];
  total: { active: number; visited: number; notVisited: number };
}

export interface PairInput {
  roundId: number; archiveId: number; helperKind: 'cadre' | 'unit'; helperUserId?: number | null; helperName?: string | null;
  helperPosition?: string | null; helperUnit?: string | null; contactName?: string | null; contactPhone?: string | null;
  startDate: string; goals?: string | null;
}

export interface VisitInput { visitedOn: string; visitParty: string; visitKinds: string[]; note?: string | null; amountFen?: number | null }

export const fetchRounds = () => get<{ items: Round[] }>('/api/pairing/rounds');
export const fetchPair = (id: number) => get<PairDetail>(`/api/pairing/pairs/${id}`);
export const fetchSummary = (roundId?: number) => get<NoVisitSummary>('/api/pairing/no-visit/summary', { roundId });
export const createPair = (body: PairInput) => post<PairDetail>('/api/pairing/pairs', body);
export const updatePair = (id: number, body: Partial<PairInput>) => patch<PairDetail>(`/api/pairing/pairs/${id}`, body);
export const saveResult = (id: number, body: { resultOutcome: string; resultText?: string | null }) => put<PairDetail>(`/api/pairing/pairs/${id}/result`, body);
export const endPair = (id: number, body: { endedOn: string; endReason: string }) => post<PairDetail>(`/api/pairing/pairs/${id}/end`, body);
export const addVisit = (pairId: number, body: VisitInput) => post<{ id: number }>(`/api/pairing/pairs/${pairId}/visits`, body);
export const revealContactPhone = (id: number) => post<{ phone: string }>(`/api/pairing/pairs/${id}/reveal-phone`);
export const helperCandidates = (q: string) => get<{ items: { id: number; name: string; orgName: string }[] }>('/api/pairing/helpers', { q });
export const photoUrl = (id: number) => `/api/pairing/photos/${id}`;

/** An archived household to pair, from the hardship module's archive list. */
export interface ArchiveOption { id: number; label: string }
export async function searchArchivedHouseholds(q: string): Promise<ArchiveOption[]> {
  const page = await get<Page<{ id: number; archiveNo?: string | null; name?: string; workerName?: string; memberName?: string; orgName?: string }>>(
    '/api/hardship/archives', { status: 'archived', q, pageSize: 20 });
  return page.items.map((a) => ({
    id: a.id,
    label: [a.archiveNo, a.workerName ?? a.memberName ?? a.name, a.orgName].filter(Boolean).join(' · '),
  }));
}

/** One photo per request, multipart, with the same headers as every other write. */
export async function uploadPhoto(visitId: number, file: File): Promise<Photo> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await postForm(`/api/pairing/visits/${visitId}/photos`, body);
  return (await res.json()) as Photo;
}
