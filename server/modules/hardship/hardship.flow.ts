import type { Permission } from '../../../lib/permissions.js';
import type { HardshipStatus } from './tables.js';

/**
 * The flow of a hardship archive (SPEC §3.5), as a state machine:
 *
 *   draft ─submit→ applied ─review→ reviewed ─visit→ visited ─notice→ notice ─approve→ archived
 *   (returned ─submit→ applied)                                   archived ─yearly_review→ archived
 *                                                                 archived ─resolve→ resolved | ─exit→ exited
 *   return (退回, comment required): applied | reviewed | visited | notice → returned
 *   reject (驳回, reason required):  applied | reviewed | visited | notice → rejected
 *
 * 审批 and 建档 are ONE action (approve): the county approves after the 公示 and the archive
 * gets its number at once; an approved archive that is not yet numbered would be a state
 * nobody acts on. `permission` is the one whose scope must hold the archive's union.
 */
export interface FlowAction {
  from: readonly HardshipStatus[];
  to: HardshipStatus;
  permission: Permission;
  label: string;
  /** a written comment/reason is required */
  needsComment: boolean;
}

export const flowActions = {
  submit: { from: ['draft', 'returned'], to: 'applied', permission: 'hardship:apply', label: '提交申请', needsComment: false },
  review: { from: ['applied'], to: 'reviewed', permission: 'hardship:review', label: '基层审核通过', needsComment: false },
  visit: { from: ['reviewed'], to: 'visited', permission: 'hardship:review', label: '入户核查', needsComment: false },
  notice: { from: ['visited'], to: 'notice', permission: 'hardship:review', label: '发布公示', needsComment: false },
  approve: { from: ['notice'], to: 'archived', permission: 'hardship:approve', label: '县总审批建档', needsComment: false },
  return: { from: ['applied', 'reviewed', 'visited', 'notice'], to: 'returned', permission: 'hardship:review', label: '退回修改', needsComment: true },
  reject: { from: ['applied', 'reviewed', 'visited', 'notice'], to: 'rejected', permission: 'hardship:review', label: '驳回', needsComment: true },
  yearly_review: { from: ['archived'], to: 'archived', permission: 'hardship:review', label: '年度复核', needsComment: false },
  resolve: { from: ['archived'], to: 'resolved', permission: 'hardship:review', label: '解困脱困', needsComment: false },
  exit: { from: ['archived'], to: 'exited', permission: 'hardship:review', label: '退出', needsComment: true },
} as const satisfies Record<string, FlowAction>;

export type FlowActionName = keyof typeof flowActions;

export const statusLabels: Record<HardshipStatus, string> = {
  draft: '草稿',
  applied: '待基层审核',
  returned: '已退回',
  reviewed: '待入户核查',
  visited: '待公示',
  notice: '公示中',
  archived: '已建档',
  rejected: '已驳回',
  resolved: '已解困脱困',
  exited: '已退出',
};

export const stepLabels: Record<string, string> = {
  draft: '保存草稿',
  apply: '提交申请',
  submit: '提交申请',
  review: '基层审核通过',
  visit: '入户核查',
  notice: '发布公示',
  approve: '县总审批建档',
  return: '退回修改',
  reject: '驳回',
  yearly_review: '年度复核',
  resolve: '解困脱困',
  exit: '退出',
  objection: '处理公示异议',
  edit: '修改档案',
};

export const closedStatuses: readonly HardshipStatus[] = ['rejected', 'resolved', 'exited'];
