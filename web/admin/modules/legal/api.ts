import { get, patch, post, put } from '../../api';

export const legalKeys = {
  aid: ['legal-aid'] as const,
  mediation: ['legal-mediation'] as const,
  providers: ['legal-providers'] as const,
  typical: ['legal-typical'] as const,
  events: ['legal-events'] as const,
};

export interface LegalStep { id: number; step: string; actor: string | null; at: string; comment: string | null }
export interface Deadline { state: 'ok' | 'due_soon' | 'overdue'; daysLeft: number }

export interface LegalAidItem {
  id: number; caseNo: string; orgName: string; sourceTicketId: number | null; applicantName: string; applicantPhone: string | null;
  employerName: string | null; subjectLabel: string; workersInvolved: number; status: string; statusLabel: string;
  appliedOn: string; reviewDue: string; reviewOverdue: boolean; providerName: string | null; outcomeLabel: string | null;
  amountRecoveredFen: number | null; workersBenefited: number | null; closedOn: string | null;
}

export interface LegalAidDetail {
  id: number; caseNo: string; orgId: number; orgName: string; sourceTicketId: number | null;
  applicant: { memberId: number | null; name: string; phone: string | null; idNumber: string | null };
  employerName: string | null; subject: string; subjectLabel: string; claim: string; workersInvolved: number; amountClaimedFen: number | null;
  status: 'applied' | 'assigned' | 'refused' | 'closed' | 'archived'; statusLabel: string; appliedOn: string; reviewDue: string; reviewOverdue: boolean;
  provider: { id: number; name: string; kind: string; firm: string | null; licenseNo: string | null } | null;
  assignedOn: string | null; letterNo: string | null; refusalReason: string | null; refusedOn: string | null;
  outcome: string | null; outcomeLabel: string | null; amountRecoveredFen: number | null; workersBenefited: number | null;
  closingReport: string | null; closedOn: string | null;
  stages: { id: number; kind: string; kindLabel: string; heldOn: string; place: string | null; note: string | null }[];
  steps: LegalStep[];
  typicalCaseId: number | null;
}

export interface MediationItem {
  id: number; caseNo: string; orgName: string; sourceTicketId: number | null; workerName: string; workerCount: number; employerName: string;
  subjectLabel: string; mediatorName: string | null; acceptedOn: string; dueOn: string; status: string; statusLabel: string;
  deadline: Deadline | null; deadlineLabel: string | null; agreementAmountFen: number | null; closedOn: string | null; sessions: number;
}

export interface MediationDetail {
  id: number; caseNo: string; orgId: number; orgName: string; sourceTicketId: number | null;
  worker: { name: string; count: number; phone: string | null; idNumber: string | null };
  employerName: string; employerContact: string | null; subjectLabel: string; claim: string; amountClaimedFen: number | null;
  mediatorName: string | null; acceptedOn: string; dueOn: string; deadline: Deadline | null;
  status: 'accepted' | 'mediating' | 'agreement' | 'failed' | 'withdrawn'; statusLabel: string; open: boolean;
  agreementTerms: string | null; agreementAmountFen: number | null; failureReason: string | null; closedOn: string | null;
  sessions: { id: number; heldOn: string; place: string | null; attendees: string | null; note: string | null }[];
  steps: LegalStep[];
  typicalCaseId: number | null;
}

export interface ProviderItem {
  id: number; orgName: string; kind: 'lawyer' | 'volunteer'; kindLabel: string; name: string; firm: string | null; licenseNo: string | null;
  phone: string | null; specialties: string[]; specialtyLabels: string[]; active: boolean; openCases: number; allCases: number;
}

export interface TypicalItem { id: number; orgName: string; title: string; category: string; categoryLabel: string; summary: string | null; sourceKind: string | null; sourceId: number | null; published: boolean; updatedAt: string }
export interface TypicalCase { id: number; title: string; category: string; summary: string | null; body: string; published: boolean; source_kind: string | null; source_id: number | null }
export interface EventItem { id: number; orgName: string; heldOn: string; place: string; topic: string; kind: string; kindLabel: string; attendance: number; note: string | null }
export interface EventTotals { events: number; attendance: number; byKind: { kind: string; kindLabel: string; events: number; attendance: number }[] }

export const fetchLegalAid = (id: number) => get<LegalAidDetail>(`/api/legal/aid/${id}`);
export const fetchMediation = (id: number) => get<MediationDetail>(`/api/legal/mediation/${id}`);
export const legalAction = (url: string, body?: unknown) => post<unknown>(url, body ?? {});
export const createLegalAid = (body: unknown) => post<{ id: number; caseNo: string }>('/api/legal/aid', body);
export const createMediation = (body: unknown) => post<{ id: number; caseNo: string }>('/api/legal/mediation', body);
export const activeProviders = () => get<{ items: ProviderItem[] }>('/api/legal/providers', { active: '1', pageSize: 200 });
export const createProvider = (body: unknown) => post<unknown>('/api/legal/providers', body);
export const updateProvider = (id: number, body: unknown) => patch<unknown>(`/api/legal/providers/${id}`, body);
export const fetchTypical = (id: number) => get<TypicalCase>(`/api/legal/typical/${id}`);
export const saveTypical = (id: number, body: unknown) => patch<TypicalCase>(`/api/legal/typical/${id}`, body);
export const createEvent = (body: unknown) => post<unknown>('/api/legal/events', body);
export const eventTotals = (from: string, to: string) => get<EventTotals>('/api/legal/events-totals', { from, to });
export const putLegalSettings = (body: unknown) => put<unknown>('/api/legal/settings', body);

/** yuan (as typed) → fen */
export const toFen = (yuan: number | null | undefined) => (yuan == null ? null : Math.round(yuan * 100));
