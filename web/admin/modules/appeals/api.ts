import { get, post, put, type Page } from '../../api';

// The appeals API as the console uses it (server/modules/appeals/routes.ts).

export const appealKeys = {
  all: ['appeals'] as const,
  detail: (id: number) => ['appeals', 'detail', id] as const,
  warnings: ['appeal-warnings'] as const,
  settings: ['appeal-settings'] as const,
  figures: (q: object) => ['appeal-figures', q] as const,
};

export type StepAction = 'assign' | 'reassign' | 'return' | 'progress' | 'reply' | 'visit' | 'close' | 'supervise' | 'transfer';
export type TimeStatus = 'normal' | 'due_soon' | 'overdue' | 'done';

export interface TicketItem {
  id: number;
  ticketNo: string;
  orgId: number;
  orgName: string;
  channel: string;
  channelLabel: string;
  type: string;
  typeLabel: string;
  subject: string;
  subjectLabel: string;
  tier: string;
  tierLabel: string;
  status: string;
  statusLabel: string;
  workersAffected: number;
  amountFen: number | null;
  amountYuan: string | null;
  employerId: number | null;
  employerName: string | null;
  memberId: number | null;
  workerName: string;
  phone: string | null;
  idNumber: string | null;
  acceptedOn: string;
  ackDueOn: string;
  dueOn: string;
  timeStatus: TimeStatus;
  timeStatusLabel: string;
  assignedOrgId: number | null;
  assignedOrgName: string | null;
  assigneeName: string | null;
  townshipName: string | null;
  satisfaction: string | null;
  satisfactionLabel: string | null;
  closedOn: string | null;
  transferKind: string | null;
  transferKindLabel: string | null;
  transferId: number | null;
  supervision: { note: string; deadline: string | null; at: string; by: string | null } | null;
  warningOpen: boolean;
  content: string;
}

export interface TimelineStep {
  id: number;
  step: string;
  label: string;
  statusLabel: string;
  actor: string;
  at: string;
  comment: string | null;
}

export interface TicketWarning {
  id: number;
  title: string;
  detail: string | null;
  ruleLabels: string[];
  raisedAt: string;
  open: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
}

export interface ChainStep {
  label: string;
  at: string | null;
  actor?: string | null;
  comment?: string | null;
}

export interface TransferTarget {
  kind: string;
  id: number;
  no: string | null;
  statusLabel: string | null;
  url?: string | null;
  summary?: string | null;
  amountRecoveredFen: number | null;
  chain: ChainStep[];
}

export interface TicketDetail extends TicketItem {
  reply: string | null;
  repliedAt: string | null;
  visitNote: string | null;
  visitedAt: string | null;
  acceptedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  timeline: TimelineStep[];
  warnings: TicketWarning[];
  transferTarget: TransferTarget | null;
  actions: StepAction[];
}

export interface IntakeInput {
  orgId: number;
  channel: string;
  type: string;
  subject: string;
  tier: string;
  workersAffected: number;
  amountFen?: number | null;
  employerId?: number | null;
  employerName?: string | null;
  memberId?: number | null;
  workerName?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  content: string;
}

export interface WarningItem {
  id: number;
  kind: 'ticket' | 'employer';
  title: string;
  detail: string | null;
  ruleLabels: string[];
  orgName: string;
  raisedAt: string;
  open: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  ticketCount: number;
}

export interface WarningDetail extends WarningItem {
  tickets: { id: number; ticketNo: string; workerName: string; status: string; acceptedOn: string; workersAffected: number; amountFen: number | null }[];
}

export interface AppealSettings {
  ackDays: number;
  limitOrdinary: number;
  limitHard: number;
  limitComplex: number;
  warnDays: number;
  groupWorkers: number;
  arrearsFen: number;
  repeatCount: number;
  repeatDays: number;
}

export interface FigureRow { key: string; label: string; count: number; workers: number }

export interface AppealFigures {
  totals: { total: number; closed: number; closedOnTime: number; transferred: number; open: number; overdue: number; workers: number; arrearsFen: number };
  onTimeRate: number | null;
  satisfaction: { rated: number; rate: number | null; items: { key: string; label: string; count: number }[] };
  byType: FigureRow[];
  bySubject: FigureRow[];
  byTier: FigureRow[];
  byTownship: FigureRow[];
  byEmployer: FigureRow[];
  legal: null | { legalAidCases: number; legalAidClosed: number; recoveredFen: number; workersBenefited: number; mediationCases: number; mediationSuccessRate: number | null };
}

export const fetchTicket = (id: number) => get<TicketDetail>(`/api/appeals/${id}`);
export const createTicket = (body: IntakeInput) => post<TicketDetail>('/api/appeals', body);
export const takeStep = (id: number, action: StepAction, body: Record<string, unknown>) => post<TicketDetail>(`/api/appeals/${id}/${action}`, body);
export const revealTicket = (id: number, field: 'phone' | 'id_number') => post<{ value: string }>(`/api/appeals/${id}/reveal`, { field });
export const fetchAssignees = (orgId: number) => get<{ items: { id: number; name: string; orgName: string }[] }>('/api/appeals/assignees', { orgId });
export const fetchMemberTickets = (memberId: number) => get<Page<TicketItem>>('/api/appeals', { memberId, pageSize: 50 });

export const fetchWarnings = (open?: boolean, pageSize = 20) => get<Page<WarningItem>>('/api/appeal-warnings', { open: open === undefined ? undefined : String(open), pageSize });
export const fetchWarning = (id: number) => get<WarningDetail>(`/api/appeal-warnings/${id}`);
export const acknowledgeWarning = (id: number, note: string | null) => post<WarningDetail>(`/api/appeal-warnings/${id}/acknowledge`, { note });

export const fetchSettings = () => get<AppealSettings>('/api/appeal-settings');
export const saveSettings = (body: AppealSettings) => put<AppealSettings>('/api/appeal-settings', body);

export const fetchFigures = (q: { orgId?: number; from?: string; to?: string }) => get<AppealFigures>('/api/appeal-figures', q);

export const yuan = (fen: number | null | undefined) => (fen == null ? '' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
export const percent = (r: number | null | undefined) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
