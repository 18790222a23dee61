import type { TransferStatus } from './tables.js';

/**
 * 会员关系接转, as a state machine: the sending union starts it (pending); the receiving union
 * accepts (the member moves) or refuses (with a reason); the sender may cancel while pending.
 * Accepted, refused and cancelled are final. `side` is whose member:write scope must hold the
 * union: the sender's (from_org_id) or the receiver's (to_org_id).
 */
export const transferActions = {
  accept: { from: 'pending', to: 'accepted', side: 'to', verb: '接收' },
  refuse: { from: 'pending', to: 'refused', side: 'to', verb: '拒绝' },
  cancel: { from: 'pending', to: 'cancelled', side: 'from', verb: '撤回' },
} as const satisfies Record<string, { from: TransferStatus; to: TransferStatus; side: 'from' | 'to'; verb: string }>;

export type TransferAction = keyof typeof transferActions;

export const transferStatusLabels: Record<TransferStatus, string> = {
  pending: '待接收',
  accepted: '已接收',
  refused: '已拒绝',
  cancelled: '已撤回',
};
