import type { AppealStatus, AppealStep } from './tables.js';

/**
 * The ticket's flow (SPEC §3.2): 受理 → 分派 → 办理 → 答复 → 回访 → 办结, or 转 to legal aid,
 * mediation or a hardship application; 改派 and 退回 on the way; 督办 at any open step.
 * `from` lists the statuses a step starts from; `to` is where it leaves the ticket (督办 and
 * 办理 notes on a ticket in hand keep its status, see the service).
 */
export const stepRules = {
  assign: { from: ['accepted', 'returned'], to: 'assigned', label: '分派' },
  reassign: { from: ['assigned', 'handling'], to: 'assigned', label: '改派' },
  return: { from: ['assigned', 'handling'], to: 'returned', label: '退回' },
  progress: { from: ['assigned', 'handling'], to: 'handling', label: '办理' },
  reply: { from: ['accepted', 'assigned', 'handling'], to: 'replied', label: '答复' },
  visit: { from: ['replied'], to: 'visited', label: '回访' },
  close: { from: ['replied', 'visited'], to: 'closed', label: '办结' },
  transfer: { from: ['accepted', 'assigned', 'handling'], to: 'transferred', label: '转办' },
  supervise: { from: ['accepted', 'assigned', 'handling', 'replied', 'visited', 'returned'], to: null, label: '督办' },
} as const satisfies Record<Exclude<AppealStep, 'accept'>, { from: readonly AppealStatus[]; to: AppealStatus | null; label: string }>;

export type StepAction = keyof typeof stepRules;

export const statusLabels: Record<AppealStatus, string> = {
  accepted: '已受理',
  assigned: '已分派',
  handling: '办理中',
  replied: '已答复',
  visited: '已回访',
  closed: '已办结',
  returned: '已退回',
  transferred: '已转办',
};

export const stepLabels: Record<AppealStep, string> = {
  accept: '受理',
  ...Object.fromEntries(Object.entries(stepRules).map(([k, v]) => [k, v.label])),
} as Record<AppealStep, string>;

export const openStatuses: readonly AppealStatus[] = ['accepted', 'assigned', 'handling', 'replied', 'visited', 'returned'];
export const isOpen = (s: AppealStatus) => openStatuses.includes(s);

export const satisfactionLabels = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' } as const;
export const transferKindLabels = { legal_aid: '法律援助', mediation: '劳动争议调解', hardship: '困难职工帮扶' } as const;

export type TimeStatus = 'normal' | 'due_soon' | 'overdue' | 'done';
export const timeStatusLabels: Record<TimeStatus, string> = { normal: '正常', due_soon: '即将到期', overdue: '已超期', done: '—' };

export function ticketNo(year: number, seq: number): string {
  return `GR12351-${year}-${String(seq).padStart(6, '0')}`;
}
